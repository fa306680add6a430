namespace Factline.Storage.Memory;

/// <summary>Memory stores for a rebuild: a shadow is a new instance, and a swap only needs the reference (nothing survives a restart anyway).</summary>
public sealed class MemoryShadowStores : IShadowStores
{
    public Task<IProjectionStore> CreateAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IProjectionStore>(new MemoryProjectionStore());

    public Task PrepareAsync(IProjectionStore shadow, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task PromoteAsync(IProjectionStore shadow, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public async Task DiscardAsync(IProjectionStore store) => await store.DisposeAsync();
}
