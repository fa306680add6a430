using System.Data;
using Factline.Storage.Queries;
using Factline.Storage.Sql;
using Npgsql;

namespace Factline.Storage.Postgres;

/// <summary>
/// The shared projection store: tables in one schema of a PostgreSQL database, reached through a
/// pooled <see cref="NpgsqlDataSource"/>. Several instances may write it (each its own partitions)
/// and all of them read it; every batch and its bookmarks commit together, and readers see whole
/// batches only.
/// </summary>
public sealed class PostgresProjectionStore : IProjectionStore
{
    private const string FindSql = $"SELECT {FactColumns.Stored} FROM facts WHERE event_id = @p0";

    private readonly NpgsqlDataSource _dataSource;
    private readonly BatchWriter _batches;
    private int _disposed;

    private PostgresProjectionStore(PostgresStoreOptions options, NpgsqlDataSource dataSource)
    {
        Options = options;
        _dataSource = dataSource;
        _batches = new BatchWriter(dataSource);
    }

    public PostgresStoreOptions Options { get; }

    /// <summary>Connects, creates the schema when missing and brings its tables up to date.</summary>
    public static PostgresProjectionStore Open(PostgresStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
            throw new ArgumentException("a connection string is required for the PostgreSQL store", nameof(options));
        PostgresSchema.EnsureValidName(options.Schema);

        var builder = new NpgsqlDataSourceBuilder(options.ConnectionString);
        // Statements name their tables unqualified: the search path makes them this projection's.
        builder.ConnectionStringBuilder.SearchPath = options.Schema;
        builder.ConnectionStringBuilder.ApplicationName ??= "factline";
        // Queries repeat a few shapes; prepared once per connection, they skip the server's parse and plan.
        if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0)
            builder.ConnectionStringBuilder.MaxAutoPrepare = 64;
        var dataSource = builder.Build();
        try
        {
            using (var connection = dataSource.OpenConnection())
                PostgresSchema.Migrate(connection, options.Schema);
            return new PostgresProjectionStore(options, dataSource);
        }
        catch
        {
            dataSource.Dispose();
            throw;
        }
    }

    public Task<ApplyResult> ApplyAsync(ProjectionBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ThrowIfDisposed();
        cancellationToken.ThrowIfCancellationRequested();
        return _batches.ApplyAsync(batch, cancellationToken);
    }

    public Task<IReadOnlyDictionary<PartitionId, Bookmark>> ReadBookmarksAsync(CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyDictionary<PartitionId, Bookmark>>(async (reader, ct) =>
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
        return ReadAsync(async (reader, ct) => await reader.ReadAsync(ct) ? FactRows.Read(reader) : null, [(FindSql, parameters)], cancellationToken);
    }

    public Task<FactPage> QueryAsync(FactQuery query, CancellationToken cancellationToken = default)
    {
        FactQueryRules.EnsureValid(query);
        var sql = FactQuerySql.From(query);
        (string, SqlParameters)[] statements = sql.Count is null
            ? [(sql.Select, sql.SelectParameters)]
            : [(sql.Select, sql.SelectParameters), (sql.Count, sql.CountParameters)];
        return ReadAsync(async (reader, ct) =>
        {
            var items = new List<StoredFact>();
            while (await reader.ReadAsync(ct))
                items.Add(FactRows.Read(reader));
            return new FactPage(items, sql.Count is null ? null : await ReadCountAsync(reader, ct));
        }, statements, cancellationToken);
    }

    public Task<QuarantinePage> QueryQuarantineAsync(QuarantineQuery query, CancellationToken cancellationToken = default)
    {
        var sql = QuarantineQuerySql.From(query);
        return ReadAsync(async (reader, ct) =>
        {
            var items = new List<QuarantineEntry>();
            while (await reader.ReadAsync(ct))
                items.Add(QuarantineRows.Read(reader));
            return new QuarantinePage(items, await ReadCountAsync(reader, ct));
        }, [(sql.Select, sql.SelectParameters), (sql.Count, sql.CountParameters)], cancellationToken);
    }

    public Task<ProjectionCounters> ReadCountersAsync(CancellationToken cancellationToken = default) =>
        ReadAsync(async (reader, ct) =>
        {
            var totals = new Dictionary<string, long>(StringComparer.Ordinal);
            while (await reader.ReadAsync(ct))
                totals[reader.GetString(0)] = reader.GetInt64(1);
            return CounterNames.ToCounters(totals);
        }, [("SELECT name, value FROM counters", new SqlParameters())], cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
            return;
        await _dataSource.DisposeAsync();
    }

    /// <summary>
    /// Runs the statements in one round trip and reads their results. Several statements share one
    /// snapshot (repeatable read), so a page and its total always agree.
    /// </summary>
    private async Task<T> ReadAsync<T>(
        Func<NpgsqlDataReader, CancellationToken, Task<T>> read, (string Sql, SqlParameters Parameters)[] statements, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = statements.Length > 1 ? await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken) : null;
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var (sql, parameters) in statements)
            batch.BatchCommands.Add(PostgresCommands.Named(sql, parameters));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        return await read(reader, cancellationToken);
    }

    /// <summary>Moves to the next result, a single COUNT(*), and reads it.</summary>
    private static async Task<long> ReadCountAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        if (!await reader.NextResultAsync(cancellationToken) || !await reader.ReadAsync(cancellationToken))
            throw new InvalidOperationException("the count statement returned no row");
        return reader.GetInt64(0);
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);
}
