using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace Factline.Storage.Postgres;

/// <summary>
/// PostgreSQL stores for a rebuild: each shadow is a new schema beside the live one (<c>factline_r20261126101530123</c>);
/// promoting it points the projection at it (<see cref="PostgresLiveSchema"/>), which every instance
/// follows. Schemas a crashed rebuild left behind are dropped before the next shadow is made.
/// </summary>
public sealed class PostgresShadowStores(PostgresStoreOptions live, TimeProvider clock) : IShadowStores
{
    private readonly SemaphoreSlim _lockGate = new(1, 1);
    private NpgsqlConnection? _rebuildLock;

    /// <exception cref="RebuildElsewhereException">Another instance is rebuilding this projection.</exception>
    public async Task<IProjectionStore> CreateAsync(CancellationToken cancellationToken = default)
    {
        await LockRebuildsAsync(cancellationToken);
        try
        {
            await DropLeftoversAsync(cancellationToken);
            var stamp = clock.GetUtcNow().UtcDateTime.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);
            return PostgresProjectionStore.OpenShadow(live, $"{live.Schema}_r{stamp}");
        }
        catch
        {
            await UnlockRebuildsAsync();
            throw;
        }
    }

    /// <summary>Nothing to prepare: a PostgreSQL shadow keeps all its indexes while it replays.</summary>
    public Task PrepareAsync(IProjectionStore shadow, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public async Task PromoteAsync(IProjectionStore shadow, CancellationToken cancellationToken = default)
    {
        var store = Postgres(shadow);
        await using var dataSource = NpgsqlDataSource.Create(live.ConnectionString);
        await PostgresLiveSchema.PointAsync(dataSource, live.Schema, store.Schema, cancellationToken);
        store.FollowLive();
    }

    /// <summary>
    /// Drops the store's schema unless it is live. Other instances may still be reading a replaced schema
    /// until their next check for the live one, so the drop waits a little longer than that.
    /// </summary>
    public async Task DiscardAsync(IProjectionStore store)
    {
        var schema = Postgres(store).Schema;
        await store.DisposeAsync();
        try
        {
            await Task.Delay(2 * live.LiveSchemaCheckInterval, clock);
            await using var dataSource = NpgsqlDataSource.Create(live.ConnectionString);
            if (await PostgresLiveSchema.ResolveAsync(dataSource, live.Schema, CancellationToken.None) != schema)
                await DropAsync(dataSource, schema, CancellationToken.None);
        }
        finally
        {
            // The rebuild is over: its shadow was given up, or the store it replaced is gone.
            await UnlockRebuildsAsync();
        }
    }

    /// <summary>
    /// One rebuild of a projection at a time across all instances (each would drop the other's shadow as a
    /// leftover): a session advisory lock, held on a connection of its own until the rebuild ends, and
    /// released by PostgreSQL if this process dies.
    /// </summary>
    private async Task LockRebuildsAsync(CancellationToken cancellationToken)
    {
        await _lockGate.WaitAsync(cancellationToken);
        try
        {
            if (_rebuildLock is not null)
                return;
            // Not pooled: closing the connection must end the session that holds the lock.
            var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(live.ConnectionString) { Pooling = false }.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var tryLock = RebuildLockCommand("pg_try_advisory_lock", connection);
            if (await tryLock.ExecuteScalarAsync(cancellationToken) is not true)
            {
                await connection.DisposeAsync();
                throw new RebuildElsewhereException($"another instance is rebuilding projection '{live.Schema}'; one rebuild at a time");
            }
            _rebuildLock = connection;
        }
        finally
        {
            _lockGate.Release();
        }
    }

    private async Task UnlockRebuildsAsync()
    {
        await _lockGate.WaitAsync();
        try
        {
            if (_rebuildLock is { } connection)
            {
                // Ending the session would release the lock too, but only once the server has noticed, which may be
                // after the next rebuild has asked for it; a rebuild that has ended says so at once.
                await using (connection)
                await using (var unlock = RebuildLockCommand("pg_advisory_unlock", connection))
                {
                    try
                    {
                        await unlock.ExecuteScalarAsync();
                    }
                    catch (NpgsqlException)
                    {
                        // The session is broken, and a session that has ended holds no locks.
                    }
                }
            }
            _rebuildLock = null;
        }
        finally
        {
            _lockGate.Release();
        }
    }

    /// <summary>A call of an advisory lock function on the key of this projection's rebuilds.</summary>
    private NpgsqlCommand RebuildLockCommand(string function, NpgsqlConnection connection) =>
        new($"SELECT {function}(hashtext('factline.rebuild.' || $1))", connection) { Parameters = { new NpgsqlParameter { Value = live.Schema } } };

    /// <summary>Every schema of this projection's family except the live one: shadows of crashed rebuilds, or a replaced schema not yet dropped.</summary>
    private async Task DropLeftoversAsync(CancellationToken cancellationToken)
    {
        await using var dataSource = NpgsqlDataSource.Create(live.ConnectionString);
        var current = await PostgresLiveSchema.ResolveAsync(dataSource, live.Schema, cancellationToken);
        var family = new Regex($@"^{Regex.Escape(live.Schema)}(_r\d{{17}})?$", RegexOptions.CultureInvariant);
        var schemas = new List<string>();
        await using (var command = dataSource.CreateCommand("SELECT nspname::text FROM pg_namespace"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
                schemas.Add(reader.GetString(0));
        }
        foreach (var schema in schemas.Where(schema => family.IsMatch(schema) && schema != current))
            await DropAsync(dataSource, schema, cancellationToken);
    }

    private static async Task DropAsync(NpgsqlDataSource dataSource, string schema, CancellationToken cancellationToken)
    {
        PostgresSchema.EnsureValidName(schema);
        await using var command = dataSource.CreateCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE");
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static PostgresProjectionStore Postgres(IProjectionStore store) =>
        store as PostgresProjectionStore ?? throw new ArgumentException($"Expected a PostgreSQL store, got {store.GetType().Name}.", nameof(store));
}
