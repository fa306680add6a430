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
    private readonly NativeStatement _insertFact;
    private readonly SqliteCommand _findKept;
    private readonly SqliteCommand _insertQuarantine;
    private readonly SqliteCommand _saveBookmark;
    private readonly SqliteCommand _claim;
    private readonly SqliteCommand _addToCounter;
    private readonly SqliteCommand _addToGroup;
    private readonly SqliteCommand _insertGroup;
    private readonly SearchGroups _searchGroups;

    public BatchWriter(SqliteConnection connection)
    {
        _connection = connection;
        _insertFact = new NativeStatement(connection, """
            INSERT INTO facts (event_id, correlation_id, message_id, record_type, search_group, attempt, event_time,
                               log_topic, log_partition, log_offset, broker_time, raw)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (event_id) DO NOTHING
            """);
        _findKept = Prepare($"SELECT {FactColumns.Stored} FROM facts WHERE event_id = @p0", 1);
        _insertQuarantine = Prepare($"""
            INSERT INTO quarantine ({QuarantineRows.Columns})
            VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10, @p11, @p12, @p13)
            ON CONFLICT (log_topic, log_partition, log_offset) DO NOTHING
            """, 14);
        _saveBookmark = Prepare(BookmarkRows.Save, BookmarkRows.SaveParameterCount);
        _claim = Prepare(BookmarkRows.Claim, 2);
        _addToCounter = Prepare("""
            INSERT INTO counters (name, value) VALUES (@p0, @p1)
            ON CONFLICT (name) DO UPDATE SET value = value + excluded.value
            """, 2);
        _addToGroup = Prepare("UPDATE fact_counts SET facts = facts + @p4 WHERE record_type = @p0 AND event_type IS @p1 AND stage = @p2 AND outcome = @p3", 5);
        _insertGroup = Prepare("INSERT INTO fact_counts (record_type, event_type, stage, outcome, facts) VALUES (@p0, @p1, @p2, @p3, @p4)", 5);
        _searchGroups = new SearchGroups(connection);
    }

    public ApplyResult Apply(ProjectionBatch batch, CancellationToken cancellationToken)
    {
        using var transaction = _connection.BeginTransaction();
        try
        {
            return Apply(batch, transaction, cancellationToken);
        }
        catch
        {
            _searchGroups.Forget();
            throw;
        }
    }

    private ApplyResult Apply(ProjectionBatch batch, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        foreach (var command in Commands)
            command.Transaction = transaction;

        // Bookmarks first: a stale writer is refused before any of its rows is written.
        var stale = new List<PartitionId>();
        foreach (var bookmark in batch.Bookmarks)
        {
            if (Execute(_saveBookmark, BookmarkRows.Values(bookmark)) == 0)
                stale.Add(bookmark.Partition);
        }
        if (stale.Count > 0)
            throw new StaleOwnerException(stale);

        int inserted = 0, duplicates = 0, conflicts = 0;
        var quarantined = new List<QuarantineEntry>();
        var groups = new FactGroupCounts();
        foreach (var fact in batch.Facts)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (InsertFact(fact, transaction))
            {
                inserted++;
                groups.Add(fact.Fact);
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

        AddToCounter(CounterNames.Facts, inserted);
        AddToCounter(CounterNames.Duplicates, duplicates);
        foreach (var added in quarantined.GroupBy(entry => entry.Reason))
            AddToCounter(CounterNames.Quarantined(added.Key), added.Count());
        foreach (var (group, count) in groups.InOrder())
            AddToGroup(group, count);

        cancellationToken.ThrowIfCancellationRequested();
        if (quarantined.Count > 0)
            batch.BeforeCommit?.Invoke(quarantined);
        transaction.Commit();
        return new ApplyResult(inserted, duplicates, conflicts);
    }

    /// <summary>Claims the partitions in one transaction; see <see cref="IProjectionWriter.ClaimAsync"/>.</summary>
    public IReadOnlyDictionary<PartitionId, Bookmark> Claim(IReadOnlyCollection<PartitionId> partitions)
    {
        using var transaction = _connection.BeginTransaction();
        _claim.Transaction = transaction;
        var claimed = new Dictionary<PartitionId, Bookmark>(partitions.Count);
        foreach (var partition in partitions)
        {
            using var reader = _claim.Bind(partition.Topic, partition.Partition).ExecuteReader();
            reader.Read();
            claimed[partition] = BookmarkRows.Read(reader);
        }
        transaction.Commit();
        return claimed;
    }

    public void Dispose()
    {
        _insertFact.Dispose();
        _searchGroups.Dispose();
        foreach (var command in Commands)
            command.Dispose();
    }

    private SqliteCommand[] Commands => [_findKept, _insertQuarantine, _saveBookmark, _addToCounter, _claim, _addToGroup, _insertGroup];

    /// <summary>Inserts the fact unless its eventId is already stored; true when it was inserted.</summary>
    private bool InsertFact(ProjectedFact projected, SqliteTransaction transaction)
    {
        var fact = projected.Fact;
        var position = projected.Position;
        _insertFact.Bind(1, fact.EventId);
        _insertFact.Bind(2, fact.CorrelationId);
        _insertFact.Bind(3, fact.MessageId);
        _insertFact.Bind(4, WireNames.Of(fact.RecordType));
        _insertFact.Bind(5, _searchGroups.IdOf(fact.EventType, fact.Stage, WireNames.Of(fact.Outcome), transaction));
        _insertFact.Bind(6, fact.Attempt);
        _insertFact.Bind(7, fact.Timestamp.UtcTicks);
        _insertFact.Bind(8, position.Topic);
        _insertFact.Bind(9, position.Partition);
        _insertFact.Bind(10, position.Offset);
        _insertFact.Bind(11, position.BrokerTimestamp?.UtcTicks);
        _insertFact.Bind(12, projected.Raw.Span);
        return _insertFact.Execute() == 1;
    }

    private (byte[] Raw, LogPosition Position) FindKept(string eventId)
    {
        using var reader = _findKept.Bind(eventId).ExecuteReader();
        if (!reader.Read())
            throw new InvalidOperationException($"eventId '{eventId}' was neither inserted nor found");
        return (reader.GetFieldValue<byte[]>(0), FactRows.ReadPosition(reader, 1));
    }

    /// <summary>Inserts the entry unless its position is already quarantined; adds what it inserts to <paramref name="quarantined"/>.</summary>
    private bool InsertQuarantine(QuarantineEntry entry, List<QuarantineEntry> quarantined)
    {
        var position = entry.Position;
        var kept = entry.ConflictsWith;
        var added = Execute(_insertQuarantine,
            position.Topic, position.Partition, position.Offset, position.BrokerTimestamp?.UtcTicks, entry.Key,
            entry.Reason.ToString(), entry.Detail, entry.Raw.ToArray(), entry.RawLength, entry.EventId,
            kept?.Topic, kept?.Partition, kept?.Offset, kept?.BrokerTimestamp?.UtcTicks) == 1;
        if (added)
            quarantined.Add(entry);
        return added;
    }

    private void AddToCounter(string name, long delta)
    {
        if (delta != 0)
            Execute(_addToCounter, name, delta);
    }

    private void AddToGroup(FactGroup group, long facts)
    {
        if (Execute(_addToGroup, group.RecordType, group.EventType, group.Stage, group.Outcome, facts) == 0)
            Execute(_insertGroup, group.RecordType, group.EventType, group.Stage, group.Outcome, facts);
    }

    private static int Execute(SqliteCommand command, params object?[] values) => command.Bind(values).ExecuteNonQuery();

    private SqliteCommand Prepare(string sql, int parameterCount) => WriterCommands.Prepare(_connection, sql, parameterCount);
}
