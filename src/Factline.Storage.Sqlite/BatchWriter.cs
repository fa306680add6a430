using System.Runtime.InteropServices;
using Factline.Envelope;
using Microsoft.Data.Sqlite;

namespace Factline.Storage.Sqlite;

/// <summary>
/// The single writer: applies a batch in one transaction with statements prepared once and reused.
/// Dedup is the unique eventId index: an insert that changes nothing means the eventId is known,
/// and only then is the kept value read back and compared.
/// </summary>
internal sealed class BatchWriter : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _insertFact;
    private readonly SqliteCommand _findKept;
    private readonly SqliteCommand _insertQuarantine;
    private readonly SqliteCommand _saveBookmark;
    private readonly SqliteCommand _addToCounter;

    public BatchWriter(SqliteConnection connection)
    {
        _connection = connection;
        _insertFact = Prepare("""
            INSERT INTO facts (event_id, correlation_id, message_id, record_type, event_type, stage, outcome, attempt, event_time,
                               log_topic, log_partition, log_offset, broker_time, error_code, metadata_producer, metadata_version, metadata_spec, raw)
            VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10, @p11, @p12, @p13, @p14, @p15, @p16, @p17)
            ON CONFLICT (event_id) DO NOTHING
            """, 18);
        _findKept = Prepare($"SELECT {FactColumns.Stored} FROM facts WHERE event_id = @p0", 1);
        _insertQuarantine = Prepare($"""
            INSERT INTO quarantine ({QuarantineRows.Columns})
            VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10, @p11, @p12, @p13)
            ON CONFLICT (log_topic, log_partition, log_offset) DO NOTHING
            """, 14);
        _saveBookmark = Prepare("""
            INSERT INTO bookmarks (log_topic, log_partition, next_offset, observed_through, lost_records) VALUES (@p0, @p1, @p2, @p3, @p4)
            ON CONFLICT (log_topic, log_partition) DO UPDATE
            SET next_offset = excluded.next_offset, observed_through = excluded.observed_through, lost_records = excluded.lost_records
            """, 5);
        _addToCounter = Prepare("""
            INSERT INTO counters (name, value) VALUES (@p0, @p1)
            ON CONFLICT (name) DO UPDATE SET value = value + excluded.value
            """, 2);
    }

    public ApplyResult Apply(ProjectionBatch batch, CancellationToken cancellationToken)
    {
        using var transaction = _connection.BeginTransaction();
        foreach (var command in new[] { _insertFact, _findKept, _insertQuarantine, _saveBookmark, _addToCounter })
            command.Transaction = transaction;

        int inserted = 0, duplicates = 0, conflicts = 0;
        var quarantined = new Dictionary<QuarantineReason, int>();
        foreach (var fact in batch.Facts)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (InsertFact(fact))
            {
                inserted++;
                continue;
            }
            var (keptRaw, keptPosition) = FindKept(fact.Fact.EventId);
            if (EventIdReuse.IsSameContent(keptRaw, fact.Raw))
                duplicates++;
            else if (InsertQuarantine(EventIdReuse.Conflict(fact, keptPosition), quarantined))
                conflicts++;
        }
        foreach (var entry in batch.Quarantined)
            InsertQuarantine(entry, quarantined);
        foreach (var bookmark in batch.Bookmarks)
            Execute(_saveBookmark, bookmark.Partition.Topic, bookmark.Partition.Partition, bookmark.NextOffset,
                bookmark.ObservedThrough?.UtcTicks, bookmark.LostRecords);

        AddToCounter(CounterNames.Facts, inserted);
        AddToCounter(CounterNames.Duplicates, duplicates);
        foreach (var (reason, count) in quarantined)
            AddToCounter(CounterNames.Quarantined(reason), count);

        cancellationToken.ThrowIfCancellationRequested();
        transaction.Commit();
        return new ApplyResult(inserted, duplicates, conflicts);
    }

    public void Dispose()
    {
        foreach (var command in new[] { _insertFact, _findKept, _insertQuarantine, _saveBookmark, _addToCounter })
            command.Dispose();
    }

    private bool InsertFact(ProjectedFact projected)
    {
        var fact = projected.Fact;
        var position = projected.Position;
        return Execute(_insertFact,
            fact.EventId, fact.CorrelationId, fact.MessageId, WireNames.Of(fact.RecordType), fact.EventType, fact.Stage,
            WireNames.Of(fact.Outcome), fact.Attempt, fact.Timestamp.UtcTicks,
            position.Topic, position.Partition, position.Offset, position.BrokerTimestamp?.UtcTicks,
            fact.Error?.Code, fact.Metadata?.Producer, fact.Metadata?.Version, fact.Metadata?.Spec, Blob(projected.Raw)) == 1;
    }

    private (byte[] Raw, LogPosition Position) FindKept(string eventId)
    {
        _findKept.Parameters[0].Value = eventId;
        using var reader = _findKept.ExecuteReader();
        if (!reader.Read())
            throw new InvalidOperationException($"eventId '{eventId}' was neither inserted nor found");
        return (reader.GetFieldValue<byte[]>(0), FactRows.ReadPosition(reader, 1));
    }

    /// <summary>Inserts the entry unless its position is already quarantined; counts what it inserts.</summary>
    private bool InsertQuarantine(QuarantineEntry entry, Dictionary<QuarantineReason, int> quarantined)
    {
        var position = entry.Position;
        var kept = entry.ConflictsWith;
        var added = Execute(_insertQuarantine,
            position.Topic, position.Partition, position.Offset, position.BrokerTimestamp?.UtcTicks, entry.Key,
            entry.Reason.ToString(), entry.Detail, Blob(entry.Raw), entry.RawLength, entry.EventId,
            kept?.Topic, kept?.Partition, kept?.Offset, kept?.BrokerTimestamp?.UtcTicks) == 1;
        if (added)
            quarantined[entry.Reason] = quarantined.GetValueOrDefault(entry.Reason) + 1;
        return added;
    }

    private void AddToCounter(string name, long delta)
    {
        if (delta != 0)
            Execute(_addToCounter, name, delta);
    }

    private static int Execute(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        return command.ExecuteNonQuery();
    }

    /// <summary>The bytes as an array, without a copy when the memory already is a whole array.</summary>
    private static byte[] Blob(ReadOnlyMemory<byte> bytes) =>
        MemoryMarshal.TryGetArray(bytes, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : bytes.ToArray();

    private SqliteCommand Prepare(string sql, int parameterCount)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < parameterCount; i++)
            command.Parameters.Add(new SqliteParameter($"@p{i}", null));
        return command;
    }
}
