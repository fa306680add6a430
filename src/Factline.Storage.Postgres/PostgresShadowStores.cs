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
    public async Task<IProjectionStore> CreateAsync(CancellationToken cancellationToken = default)
    {
        await DropLeftoversAsync(cancellationToken);
        var stamp = clock.GetUtcNow().UtcDateTime.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);
        return PostgresProjectionStore.OpenShadow(live, $"{live.Schema}_r{stamp}");
    }

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
        await Task.Delay(2 * live.LiveSchemaCheckInterval, clock);
        await using var dataSource = NpgsqlDataSource.Create(live.ConnectionString);
        if (await PostgresLiveSchema.ResolveAsync(dataSource, live.Schema, CancellationToken.None) != schema)
            await DropAsync(dataSource, schema, CancellationToken.None);
    }

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
