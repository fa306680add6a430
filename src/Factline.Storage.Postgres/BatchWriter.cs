using Factline.Envelope;
using Factline.Storage.Sql;
using Npgsql;

namespace Factline.Storage.Postgres;

/// <summary>
/// Applies a batch in one transaction. The first fact of each eventId goes in by binary COPY and the
/// primary key decides which facts are new, even against another instance inserting at the same
/// moment. Only the facts that were not new are read back and compared, as in every store
/// (<see cref="EventIdReuse"/>). Raw values are stored packed (<see cref="RawPacker"/>).
/// </summary>
internal sealed class BatchWriter(NpgsqlDataSource dataSource, RawUnpacker unpacker, SearchGroupIds searchGroups) : IDisposable
{
    private readonly RawPacker _packer = new();

    private const string FactColumnList =
        "event_id, correlation_id, message_id, record_type, event_type, stage, outcome, attempt, event_time, " +
        "log_topic, log_partition, log_offset, broker_time, error_code, metadata_producer, metadata_version, metadata_spec, raw, search_group";
    private const short FactColumns = 19;

    // A copy's rows go to the server in sends of this many, so that it stores the first while the next are packed.
    private const int RowsPerSend = 256;
    private const int ExpectedRowBytes = 256;

    // A crash may lose the newest commits but never tears one, and rows and bookmarks are lost
    // together: the projector reads them from Kafka again. Not waiting for the disk per batch is the
    // same trade the SQLite store makes with synchronous = NORMAL.
    private const string BeginSql = "SET LOCAL synchronous_commit = off";

    private const string InsertStagedSql = $"""
        INSERT INTO facts ({FactColumnList})
        SELECT {FactColumnList} FROM staged_facts ORDER BY event_id
        ON CONFLICT (event_id) DO NOTHING
        RETURNING event_id
        """;

    private const string FindKeptSql = "SELECT event_id, raw, log_topic, log_partition, log_offset, broker_time FROM facts WHERE event_id = ANY($1)";

    private const string InsertQuarantineSql = $"""
        INSERT INTO quarantine ({QuarantineRows.Columns})
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
        ON CONFLICT (log_topic, log_partition, log_offset) DO NOTHING
        """;

    private const string AddToCounterSql = """
        INSERT INTO counters (name, value) VALUES ($1, $2)
        ON CONFLICT (name) DO UPDATE SET value = counters.value + excluded.value
        """;

    private const string AddToGroupSql = """
        INSERT INTO fact_counts (record_type, event_type, stage, outcome, facts) VALUES ($1, $2, $3, $4, $5)
        ON CONFLICT (record_type, event_type, stage, outcome) DO UPDATE SET facts = fact_counts.facts + excluded.facts
        """;

    public async Task<ApplyResult> ApplyAsync(ProjectionBatch batch, CancellationToken cancellationToken)
    {
        var facts = BatchFacts.Read(batch, cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // Rows go in eventId order, so writers that share eventIds lock them in one order and never deadlock.
        var ordered = facts.Firsts.OrderBy(first => first.Key, StringComparer.Ordinal).Select(first => first.Fact).ToList();
        var groupIds = await searchGroups.IdsOfAsync(connection, ordered, cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, BeginSql, cancellationToken);
        // Bookmarks first: a stale writer is refused before it writes a row, and the bookmark rows stay
        // locked until the commit, so a claim made meanwhile waits for this batch instead of racing it.
        await SaveBookmarksAsync(connection, facts.Bookmarks, cancellationToken);

        var (inserted, wroteDictionary) = await InsertNewAsync(connection, facts.Firsts, ordered, groupIds, cancellationToken);
        var keptBefore = await FindKeptAsync(connection, facts.Firsts.Select(f => f.Key).Where(key => !inserted.Contains(key)).ToArray(), cancellationToken);
        var (duplicates, conflicts) = CompareWithKept(facts, inserted, keptBefore);

        // Conflicts first: an entry is counted only if its position was not quarantined before.
        QuarantineEntry[] entries = [.. conflicts, .. facts.Quarantined];
        var added = await InsertQuarantineAsync(connection, entries, cancellationToken);
        var quarantined = entries.Where((_, i) => added[i]).ToList();
        var counters = CounterDeltas(inserted.Count, duplicates, quarantined);
        await AddToCountersAsync(connection, counters, GroupCounts(facts.Firsts, inserted), cancellationToken);

        cancellationToken.ThrowIfCancellationRequested();
        if (quarantined.Count > 0)
            batch.BeforeCommit?.Invoke(quarantined);
        // Once the commit is sent it is not abandoned: the caller must learn whether the batch is in.
        await transaction.CommitAsync(CancellationToken.None);
        _packer.Committed(wroteDictionary);
        return new ApplyResult(inserted.Count, duplicates, added.Take(conflicts.Count).Count(isAdded => isAdded));
    }

    /// <summary>What the batch adds to each counter, in name order (so concurrent writers lock the rows alike).</summary>
    private static SortedDictionary<string, long> CounterDeltas(int inserted, int duplicates, IEnumerable<QuarantineEntry> quarantined)
    {
        var deltas = new SortedDictionary<string, long>(StringComparer.Ordinal)
        {
            [CounterNames.Facts] = inserted,
            [CounterNames.Duplicates] = duplicates,
        };
        foreach (var name in quarantined.Select(entry => CounterNames.Quarantined(entry.Reason)))
            deltas[name] = deltas.GetValueOrDefault(name) + 1;
        return deltas;
    }

    private static FactGroupCounts GroupCounts(IEnumerable<KeyedFact> firsts, HashSet<string> inserted)
    {
        var groups = new FactGroupCounts();
        foreach (var first in firsts.Where(first => inserted.Contains(first.Key)))
            groups.Add(first.Fact.Fact);
        return groups;
    }

    /// <summary>
    /// Every fact that was not inserted is compared with the fact kept for its eventId: the first of the
    /// batch when that one was new, otherwise the one stored before. Same content is a duplicate;
    /// different content becomes a conflict entry, in log order.
    /// </summary>
    private static (int Duplicates, List<QuarantineEntry> Conflicts) CompareWithKept(
        BatchFacts facts, HashSet<string> inserted, Dictionary<string, (ReadOnlyMemory<byte> Raw, LogPosition Position)> keptBefore)
    {
        var duplicates = 0;
        var conflicts = new List<QuarantineEntry>();
        // The usual batch: every eventId was new and came once.
        if (inserted.Count == facts.All.Count)
            return (duplicates, conflicts);
        for (var i = 0; i < facts.All.Count; i++)
        {
            var (fact, key) = facts.All[i];
            var isNew = inserted.Contains(key);
            if (isNew && facts.IsFirst(i))
                continue;
            var (keptRaw, keptPosition) = isNew
                ? (facts.FirstOf(i).Raw, facts.FirstOf(i).Position)
                : keptBefore.TryGetValue(key, out var kept) ? kept : throw new InvalidOperationException($"eventId '{fact.Fact.EventId}' was neither inserted nor found");
            if (EventIdReuse.IsSameContent(keptRaw, fact.Raw))
                duplicates++;
            else
                conflicts.Add(EventIdReuse.Conflict(fact, keptPosition));
        }
        return (duplicates, conflicts);
    }

    /// <summary>
    /// Inserts the first fact of each eventId unless the table holds that eventId; returns the eventIds
    /// (as stored) it inserted. A batch normally holds only new eventIds, so it is copied straight into
    /// the table, the cheapest way in. A known eventId makes the primary key refuse that copy; the batch
    /// then goes through a staging table and INSERT ... ON CONFLICT DO NOTHING, which skips the known ones.
    /// Also returns the packing dictionary whose row the batch wrote, if any.
    /// </summary>
    /// <param name="ordered">The facts, in eventId order.</param>
    /// <param name="groupIds">The search group id of each of <paramref name="ordered"/>.</param>
    private async Task<(HashSet<string> Inserted, RawPacker.TrainedDictionary? WroteDictionary)> InsertNewAsync(
        NpgsqlConnection connection, IReadOnlyList<KeyedFact> facts, List<ProjectedFact> ordered, int[] groupIds, CancellationToken cancellationToken)
    {
        if (facts.Count == 0)
            return ([], null);
        using var packing = await _packer.BeginAsync(connection, ordered, cancellationToken);
        using var rows = new BinaryCopyRows(expectedBytes: ordered.Count * ExpectedRowBytes);
        var encoded = 0;
        void EncodeUpTo(int end)
        {
            for (; encoded < end; encoded++)
                AddRow(rows, ordered[encoded], groupIds[encoded], packing);
        }

        await ExecuteAsync(connection, "SAVEPOINT copy_into_facts", cancellationToken);
        try
        {
            await using var copy = await BinaryCopy.StartAsync(connection, CopyInto("facts"), rows, cancellationToken);
            while (encoded < ordered.Count)
            {
                EncodeUpTo(Math.Min(encoded + RowsPerSend, ordered.Count));
                await copy.SendAsync(cancellationToken);
            }
            await copy.CompleteAsync(cancellationToken);
            await ExecuteAsync(connection, "RELEASE SAVEPOINT copy_into_facts", cancellationToken);
            return (facts.Select(f => f.Key).ToHashSet(StringComparer.Ordinal), packing.WroteDictionary);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            await ExecuteAsync(connection, "ROLLBACK TO SAVEPOINT copy_into_facts", cancellationToken);
        }

        EncodeUpTo(ordered.Count);
        await ExecuteAsync(connection, "CREATE TEMP TABLE staged_facts (LIKE facts) ON COMMIT DROP", cancellationToken);
        await using (var staging = await BinaryCopy.StartAsync(connection, CopyInto("staged_facts"), rows, cancellationToken))
            await staging.CompleteAsync(cancellationToken);
        var inserted = new HashSet<string>(StringComparer.Ordinal);
        await using var insert = new NpgsqlCommand(InsertStagedSql, connection);
        await using var reader = await insert.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            inserted.Add(reader.GetString(0));
        return (inserted, packing.WroteDictionary);
    }

    private static string CopyInto(string table) => $"COPY {table} ({FactColumnList}) FROM STDIN (FORMAT BINARY)";

    /// <summary>One copied row, its values in the order of <see cref="FactColumnList"/>, the raw value packed.</summary>
    private static void AddRow(BinaryCopyRows rows, ProjectedFact projected, int searchGroup, RawPacker.BatchPacking packing)
    {
        var fact = projected.Fact;
        var position = projected.Position;
        rows.StartRow(FactColumns);
        rows.Text(fact.EventId);
        rows.Text(fact.CorrelationId);
        rows.Text(fact.MessageId);
        rows.Text(WireNames.Of(fact.RecordType));
        rows.Text(fact.EventType);
        rows.Text(fact.Stage);
        rows.Text(WireNames.Of(fact.Outcome));
        rows.Integer(fact.Attempt);
        rows.Bigint(fact.Timestamp.UtcTicks);
        rows.Text(position.Topic);
        rows.Integer(position.Partition);
        rows.Bigint(position.Offset);
        rows.Bigint(position.BrokerTimestamp?.UtcTicks);
        rows.Text(fact.Error?.Code);
        rows.Text(fact.Metadata?.Producer);
        rows.Text(fact.Metadata?.Version);
        rows.Text(fact.Metadata?.Spec);
        rows.Bytea(packing.Pack(projected.Raw.Span));
        rows.Integer(searchGroup);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The value and position of the stored facts with these eventIds (as stored).</summary>
    private async Task<Dictionary<string, (ReadOnlyMemory<byte> Raw, LogPosition Position)>> FindKeptAsync(
        NpgsqlConnection connection, string[] keys, CancellationToken cancellationToken)
    {
        var kept = new Dictionary<string, (ReadOnlyMemory<byte>, LogPosition)>(StringComparer.Ordinal);
        if (keys.Length == 0)
            return kept;
        await using var command = new NpgsqlCommand(FindKeptSql, connection) { Parameters = { new NpgsqlParameter { Value = keys } } };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            kept[reader.GetString(0)] = (await unpacker.UnpackAsync(reader.GetFieldValue<byte[]>(1), cancellationToken), FactRows.ReadPosition(reader, 2));
        return kept;
    }

    /// <summary>Inserts each entry unless its log position is already quarantined; says for each whether it was inserted.</summary>
    private static async Task<bool[]> InsertQuarantineAsync(
        NpgsqlConnection connection, IReadOnlyList<QuarantineEntry> entries, CancellationToken cancellationToken)
    {
        if (entries.Count == 0)
            return [];
        await using var batch = new NpgsqlBatch(connection);
        foreach (var entry in entries)
        {
            var position = entry.Position;
            var kept = entry.ConflictsWith;
            batch.BatchCommands.Add(PostgresCommands.Positional(InsertQuarantineSql,
                position.Topic, position.Partition, position.Offset, position.BrokerTimestamp?.UtcTicks, entry.Key,
                entry.Reason.ToString(), entry.Detail, entry.Raw, entry.RawLength, entry.EventId,
                kept?.Topic, kept?.Partition, kept?.Offset, kept?.BrokerTimestamp?.UtcTicks));
        }
        await batch.ExecuteNonQueryAsync(cancellationToken);
        var added = new bool[entries.Count];
        for (var i = 0; i < added.Length; i++)
            added[i] = batch.BatchCommands[i].RecordsAffected == 1;
        return added;
    }

    /// <summary>Claims the partitions in one transaction; see <see cref="IProjectionWriter.ClaimAsync"/>.</summary>
    public async Task<IReadOnlyDictionary<PartitionId, Bookmark>> ClaimAsync(IReadOnlyCollection<PartitionId> partitions, CancellationToken cancellationToken)
    {
        var claimed = new Dictionary<PartitionId, Bookmark>(partitions.Count);
        if (partitions.Count == 0)
            return claimed;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var partition in InLockOrder(partitions, partition => partition))
            batch.BatchCommands.Add(PostgresCommands.Named(BookmarkRows.Claim, partition.Topic, partition.Partition));
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            do
            {
                await reader.ReadAsync(cancellationToken);
                var bookmark = BookmarkRows.Read(reader);
                claimed[bookmark.Partition] = bookmark;
            }
            while (await reader.NextResultAsync(cancellationToken));
        }
        await transaction.CommitAsync(cancellationToken);
        return claimed;
    }

    /// <summary>Moves the bookmarks, unless a newer owner has claimed one of their partitions.</summary>
    /// <exception cref="StaleOwnerException">A newer owner has claimed a partition of the batch.</exception>
    private static async Task SaveBookmarksAsync(NpgsqlConnection connection, IReadOnlyList<Bookmark> bookmarks, CancellationToken cancellationToken)
    {
        if (bookmarks.Count == 0)
            return;
        var ordered = InLockOrder(bookmarks, bookmark => bookmark.Partition);
        await using var batch = new NpgsqlBatch(connection);
        foreach (var bookmark in ordered)
            batch.BatchCommands.Add(PostgresCommands.Named(BookmarkRows.Save, BookmarkRows.Values(bookmark)));
        await batch.ExecuteNonQueryAsync(cancellationToken);
        var stale = ordered.Where((_, i) => batch.BatchCommands[i].RecordsAffected == 0).Select(bookmark => bookmark.Partition).ToArray();
        if (stale.Length > 0)
            throw new StaleOwnerException(stale);
    }

    /// <summary>Adds the non-zero deltas to the counters, then the new facts to their groups' counts.</summary>
    private static async Task AddToCountersAsync(
        NpgsqlConnection connection, SortedDictionary<string, long> counters, FactGroupCounts groups, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection);
        foreach (var (name, delta) in counters.Where(counter => counter.Value != 0))
            batch.BatchCommands.Add(PostgresCommands.Positional(AddToCounterSql, name, delta));
        foreach (var (group, facts) in groups.InOrder())
            batch.BatchCommands.Add(PostgresCommands.Positional(AddToGroupSql, group.RecordType, group.EventType, group.Stage, group.Outcome, facts));
        if (batch.BatchCommands.Count > 0)
            await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    public void Dispose() => _packer.Dispose();

    /// <summary>Rows in partition order, so that writers and claims lock shared bookmark rows in one order and never deadlock.</summary>
    private static List<T> InLockOrder<T>(IEnumerable<T> items, Func<T, PartitionId> partitionOf) =>
        [.. items.OrderBy(item => partitionOf(item).Topic, StringComparer.Ordinal).ThenBy(item => partitionOf(item).Partition)];
}
