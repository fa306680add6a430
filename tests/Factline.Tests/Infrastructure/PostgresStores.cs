using Factline.Storage.Postgres;

namespace Factline.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL stores one test opens on the shared server, each in a schema of its own unless told
/// otherwise. Safe to open stores from several threads. Disposing this disposes them all and drops
/// their schemas.
/// </summary>
public sealed class PostgresStores(PostgresFixture postgres) : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly List<PostgresProjectionStore> _stores = [];
    private readonly HashSet<string> _schemas = [];

    /// <summary>Options for a new schema, dropped when the test ends.</summary>
    public PostgresStoreOptions NewOptions()
    {
        var options = postgres.NewStoreOptions();
        lock (_lock)
            _schemas.Add(options.Schema);
        return options;
    }

    /// <summary>Opens a store on a new schema, or on the schema of <paramref name="options"/> (a second instance, a reopen).</summary>
    public PostgresProjectionStore Open(PostgresStoreOptions? options = null)
    {
        options ??= NewOptions();
        var store = PostgresProjectionStore.Open(options);
        lock (_lock)
        {
            _schemas.Add(options.Schema);
            _stores.Add(store);
        }
        return store;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _stores)
            await store.DisposeAsync();
        await postgres.DropSchemasAsync(_schemas);
    }
}
