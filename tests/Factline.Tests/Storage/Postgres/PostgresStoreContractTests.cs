using Factline.Storage;
using Factline.Storage.Postgres;
using Factline.Tests.Infrastructure;
using Factline.Tests.Storage.Contract;

namespace Factline.Tests.Storage.Postgres;

/// <summary>The whole contract suite against a real PostgreSQL server; every store gets a schema of its own.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresStoreContractTests(PostgresFixture postgres) : ProjectionStoreContract
{
    private readonly List<string> _schemas = [];

    protected override Task<IProjectionStore> CreateStoreAsync()
    {
        var options = postgres.NewStoreOptions();
        _schemas.Add(options.Schema);
        return Task.FromResult<IProjectionStore>(PostgresProjectionStore.Open(options));
    }

    protected override async Task<IProjectionStore> ReopenStoreAsync(IProjectionStore store)
    {
        var options = ((PostgresProjectionStore)store).Options;
        await store.DisposeAsync();
        return PostgresProjectionStore.Open(options);
    }

    protected override Task CleanUpAsync() => postgres.DropSchemasAsync(_schemas);
}
