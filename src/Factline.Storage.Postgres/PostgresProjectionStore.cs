using System.Data;
using Factline.Storage.Queries;
using Factline.Storage.Sql;
using Npgsql;

namespace Factline.Storage.Postgres;

/// <summary>
/// The shared projection store: tables in one schema of a PostgreSQL database, reached through a
/// pooled <see cref="NpgsqlDataSource"/>. Several instances may write it (each its own partitions)
/// and all of them read it; every batch and its bookmarks commit together, and readers see whole
/// batches only. A store opened on a projection follows it to the schema a rebuild promotes (see
/// <see cref="PostgresLiveSchema"/>): reads within <see cref="PostgresStoreOptions.LiveSchemaCheckInterval"/>,
/// writes at once (their batch is refused with <see cref="ProjectionReplacedException"/>).
/// </summary>
public sealed class PostgresProjectionStore : IProjectionStore
{
    private const string FindSql = $"SELECT {FactColumns.Stored} FROM facts WHERE event_id = @p0";

    private readonly Lock _retargeting = new();
    private readonly List<SchemaTables> _retired = [];
    private volatile SchemaTables _tables;
    private volatile bool _followsLive;

    /// <summary>The schema the writer last claimed its partitions in: its bookmarks' owner generations are that schema's.</summary>
    private volatile string? _claimedIn;
    private long _liveCheckedAt;
    private int _disposed;

    private PostgresProjectionStore(PostgresStoreOptions options, SchemaTables tables, bool followsLive)
    {
        Options = options;
        _tables = tables;
        _followsLive = followsLive;
        _liveCheckedAt = Environment.TickCount64;
    }

    /// <summary>The options it was opened with; <see cref="PostgresStoreOptions.Schema"/> names the projection.</summary>
    public PostgresStoreOptions Options { get; }

    /// <summary>The schema whose tables this store reads and writes now: the projection's live one, or a rebuild's shadow.</summary>
    public string Schema => _tables.Schema;

    /// <summary>
    /// Connects, finds the projection's live schema (its own name until a rebuild is promoted), creates it
    /// when missing and brings its tables up to date.
    /// </summary>
    public static PostgresProjectionStore Open(PostgresStoreOptions options)
    {
        ValidateOptions(options);
        string live;
        using (var dataSource = NpgsqlDataSource.Create(options.ConnectionString))
        {
            using (var connection = dataSource.OpenConnection())
                PostgresLiveSchema.EnsureCatalog(connection);
            live = PostgresLiveSchema.ResolveAsync(dataSource, options.Schema, CancellationToken.None).GetAwaiter().GetResult();
        }
        return new PostgresProjectionStore(options, SchemaTables.Open(options, live), followsLive: true);
    }

    /// <summary>A store on <paramref name="schema"/> of the projection, which it does not follow until <see cref="FollowLive"/>: a rebuild's shadow.</summary>
    internal static PostgresProjectionStore OpenShadow(PostgresStoreOptions options, string schema)
    {
        ValidateOptions(options);
        PostgresSchema.EnsureValidName(schema);
        return new PostgresProjectionStore(options, SchemaTables.Open(options, schema), followsLive: false);
    }

    /// <summary>The shadow has been promoted: from now on it follows the projection's live schema like any opened store.</summary>
    internal void FollowLive() => _followsLive = true;

    public async Task<ApplyResult> ApplyAsync(ProjectionBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ThrowIfDisposed();
        cancellationToken.ThrowIfCancellationRequested();
        var writtenTo = _claimedIn ?? _tables.Schema;
        await FollowAsync(cancellationToken);
        var tables = _tables;
        // Whether this check or a reader's found the promotion first, a batch meant for the replaced schema
        // (its owner generations and offsets are that schema's) waits until the writer has claimed again here.
        if (tables.Schema != writtenTo)
            throw new ProjectionReplacedException($"schema {tables.Schema} replaced schema {writtenTo}");
        return await tables.Batches.ApplyAsync(batch, cancellationToken);
    }

    public async Task<IReadOnlyDictionary<PartitionId, Bookmark>> ClaimAsync(IReadOnlyCollection<PartitionId> partitions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        ThrowIfDisposed();
        await FollowAsync(cancellationToken);
        var tables = _tables;
        var claimed = await tables.Batches.ClaimAsync(partitions, cancellationToken);
        _claimedIn = tables.Schema;
        return claimed;
    }

    public Task<IReadOnlyDictionary<PartitionId, Bookmark>> ReadBookmarksAsync(CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyDictionary<PartitionId, Bookmark>>(async (reader, _, ct) =>
        {
            var bookmarks = new Dictionary<PartitionId, Bookmark>();
            while (await reader.ReadAsync(ct))
            {
                var bookmark = BookmarkRows.Read(reader);
                bookmarks[bookmark.Partition] = bookmark;
            }
            return bookmarks;
        }, [(BookmarkRows.Select, new SqlParameters())], cancellationToken);

    public Task<StoredFact?> FindAsync(string eventId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventId);
        var parameters = new SqlParameters();
        parameters.Add(eventId);
        return ReadAsync(async (reader, tables, ct) => await reader.ReadAsync(ct) ? await ReadFactAsync(reader, tables, ct) : null, [(FindSql, parameters)], cancellationToken);
    }

    /// <summary>
    /// For this read's transaction only (so also behind a transaction pooler): a random page costs about what a
    /// sequential one does on the SSDs and in the memory a projection is read from. At the server's default (4, for
    /// spinning disks) the planner read all facts in time order, skipping other groups, rather than a mid-sized group's
    /// own index entries: 1,184 against 942 HTTP searches a second on the 1M bench, in-process p50 751 µs against 1.02 ms.
    /// </summary>
    private const string ReadGroupsByIndexSql = "SET LOCAL random_page_cost = 1.1";

    public Task<FactPage> QueryAsync(FactQuery query, CancellationToken cancellationToken = default)
    {
        FactQueryRules.EnsureValid(query);
        var groupFilters = FactQuerySql.SearchGroupFilters(query.Filters);
        return ReadAsync(async (tables, ct) =>
        {
            // Filters on eventType, stage and outcome select facts by their groups' ids (each schema has its own ids).
            IReadOnlyList<int>? searchGroups = null;
            if (groupFilters.Count > 0)
            {
                searchGroups = await tables.SearchGroups.SelectedByAsync(groupFilters, ct);
                if (searchGroups.Count == 0)
                    return new FactPage([], query.IncludeTotal ? 0 : null);
            }
            var sql = FactQuerySql.From(query, searchGroups);
            List<(string, SqlParameters)> statements = [(sql.Select, sql.SelectParameters)];
            if (sql.Count is not null)
                statements.Add((sql.Count, sql.CountParameters));
            if (searchGroups is not null)
                statements.Insert(0, (ReadGroupsByIndexSql, new SqlParameters()));
            return await ReadFromAsync(tables, async (reader, _, readCt) =>
            {
                var items = new List<StoredFact>();
                while (await reader.ReadAsync(readCt))
                    items.Add(await ReadFactAsync(reader, tables, readCt));
                return new FactPage(items, sql.Count is null ? null : await ReadCountAsync(reader, readCt));
            }, [.. statements], ct);
        }, cancellationToken);
    }

    public Task<QuarantinePage> QueryQuarantineAsync(QuarantineQuery query, CancellationToken cancellationToken = default)
    {
        var sql = QuarantineQuerySql.From(query);
        return ReadAsync(async (reader, _, ct) =>
        {
            var items = new List<QuarantineEntry>();
            while (await reader.ReadAsync(ct))
                items.Add(QuarantineRows.Read(reader));
            return new QuarantinePage(items, await ReadCountAsync(reader, ct));
        }, [(sql.Select, sql.SelectParameters), (sql.Count, sql.CountParameters)], cancellationToken);
    }

    public Task<ProjectionCounters> ReadCountersAsync(CancellationToken cancellationToken = default) =>
        ReadAsync(async (reader, _, ct) =>
        {
            var totals = new Dictionary<string, long>(StringComparer.Ordinal);
            while (await reader.ReadAsync(ct))
                totals[reader.GetString(0)] = reader.GetInt64(1);
            return CounterNames.ToCounters(totals);
        }, [("SELECT name, value FROM counters", new SqlParameters())], cancellationToken);

    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
            return ValueTask.CompletedTask;
        lock (_retargeting)
        {
            _tables.Dispose();
            foreach (var retired in _retired)
                retired.Dispose();
        }
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Moves to the projection's live schema when a rebuild has promoted another one; returns that schema
    /// when it moved. The old schema's connections stay open until disposal: a call may still be using one.
    /// </summary>
    private async Task<string?> FollowAsync(CancellationToken cancellationToken)
    {
        if (!_followsLive)
            return null;
        Volatile.Write(ref _liveCheckedAt, Environment.TickCount64);
        var current = _tables;
        var live = await PostgresLiveSchema.ResolveAsync(current.DataSource, Options.Schema, cancellationToken);
        if (live == current.Schema)
            return null;
        lock (_retargeting)
        {
            ThrowIfDisposed();
            if (_tables.Schema != live)
            {
                _retired.Add(_tables);
                _tables = SchemaTables.Open(Options, live);
            }
        }
        return live;
    }

    /// <summary>Readers check for a promoted rebuild at most once per interval, so a query costs no extra round trip.</summary>
    private Task FollowIfDueAsync(CancellationToken cancellationToken) =>
        _followsLive && Environment.TickCount64 - Volatile.Read(ref _liveCheckedAt) >= Options.LiveSchemaCheckInterval.TotalMilliseconds
            ? FollowAsync(cancellationToken)
            : Task.CompletedTask;

    private static void ValidateOptions(PostgresStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
            throw new ArgumentException("a connection string is required for the PostgreSQL store", nameof(options));
        PostgresSchema.EnsureValidName(options.Schema);
        if (options.Schema == PostgresLiveSchema.Catalog)
            throw new ArgumentException($"'{PostgresLiveSchema.Catalog}' holds Factline's catalog and cannot hold a projection", nameof(options));
    }

    /// <summary>
    /// Runs the statements in one round trip and reads their results. Several statements share one
    /// snapshot (repeatable read), so a page and its total always agree. The reader is also given the
    /// schema the statements ran on, whose dictionaries unpack the raw values they return.
    /// </summary>
    private Task<T> ReadAsync<T>(
        Func<NpgsqlDataReader, SchemaTables, CancellationToken, Task<T>> read, (string Sql, SqlParameters Parameters)[] statements, CancellationToken cancellationToken) =>
        ReadAsync((tables, ct) => ReadFromAsync(tables, read, statements, ct), cancellationToken);

    /// <summary>Reads from the schema this store follows, and from the live one if that was dropped under the read.</summary>
    private async Task<T> ReadAsync<T>(Func<SchemaTables, CancellationToken, Task<T>> readFrom, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        await FollowIfDueAsync(cancellationToken);
        var tables = _tables;
        try
        {
            return await readFrom(tables, cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable && _followsLive)
        {
            // A rebuild was promoted and the schema it replaced dropped while this read was on its way there
            // (a reader late by more than the drop's grace period): the same read on the live schema answers it.
            await FollowAsync(cancellationToken);
            if (_tables == tables)
                throw;
            return await readFrom(_tables, cancellationToken);
        }
    }

    private static async Task<T> ReadFromAsync<T>(SchemaTables tables,
        Func<NpgsqlDataReader, SchemaTables, CancellationToken, Task<T>> read, (string Sql, SqlParameters Parameters)[] statements, CancellationToken cancellationToken)
    {
        await using var connection = await tables.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = statements.Length > 1 ? await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken) : null;
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var (sql, parameters) in statements)
            batch.BatchCommands.Add(PostgresCommands.Named(sql, parameters));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        return await read(reader, tables, cancellationToken);
    }

    /// <summary>A row of <see cref="FactColumns.Stored"/>, its raw value unpacked.</summary>
    private static async Task<StoredFact> ReadFactAsync(NpgsqlDataReader reader, SchemaTables tables, CancellationToken cancellationToken) =>
        FactRows.Read(await tables.Raw.UnpackAsync(reader.GetFieldValue<byte[]>(0), cancellationToken), reader);

    /// <summary>Moves to the next result, a single COUNT(*), and reads it.</summary>
    private static async Task<long> ReadCountAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        if (!await reader.NextResultAsync(cancellationToken) || !await reader.ReadAsync(cancellationToken))
            throw new InvalidOperationException("the count statement returned no row");
        return reader.GetInt64(0);
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);
}
