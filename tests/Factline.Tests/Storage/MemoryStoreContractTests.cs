using Factline.Storage;
using Factline.Storage.Memory;
using Factline.Tests.Storage.Contract;

namespace Factline.Tests.Storage;

[LacksCapability(StoreCapability.Persistence)]
public sealed class MemoryStoreContractTests : ProjectionStoreContract
{
    protected override Task<IProjectionStore> CreateStoreAsync() => Task.FromResult<IProjectionStore>(new MemoryProjectionStore());

    protected override IShadowStores ShadowStoresBeside(IProjectionStore live) => new MemoryShadowStores();
}
