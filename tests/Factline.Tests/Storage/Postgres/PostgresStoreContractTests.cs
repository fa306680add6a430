using Factline.Storage;
using Factline.Storage.Postgres;
using Factline.Tests.Infrastructure;
using Factline.Tests.Storage.Contract;

namespace Factline.Tests.Storage.Postgres;

/// <summary>The whole contract suite against a real PostgreSQL server; every store gets a schema of its own.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresStoreContractTests(PostgresFixture postgres) : ProjectionStoreContract
{
    private readonly PostgresStores _stores = new(postgres);

    protected override Task<IProjectionStore> CreateStoreAsync() => Task.FromResult<IProjectionStore>(_stores.Open());

    protected override IShadowStores ShadowStoresBeside(IProjectionStore live) =>
        new PostgresShadowStores(((PostgresProjectionStore)live).Options, TimeProvider.System);

    protected override async Task<IProjectionStore> ReopenStoreAsync(IProjectionStore store)
    {
        await store.DisposeAsync();
        return _stores.Open(((PostgresProjectionStore)store).Options);
    }

    protected override Task CleanUpAsync() => _stores.DisposeAsync().AsTask();
}
