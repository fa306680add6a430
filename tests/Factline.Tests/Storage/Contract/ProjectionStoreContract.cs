using Factline.Storage;

namespace Factline.Tests.Storage.Contract;

/// <summary>
/// The behaviour every projection store must have (the Jaeger pattern: one battery, many backends).
/// A store's test class derives from this, says how to create its store, and declares any capability
/// it lacks with <see cref="LacksCapabilityAttribute"/>; everything else runs. Query cases are data:
/// corpus.json and queries.json.
/// </summary>
public abstract partial class ProjectionStoreContract : IAsyncLifetime
{
    private readonly List<IProjectionStore> _stores = [];

    /// <summary>A new, empty store. The suite disposes every store it is given.</summary>
    protected abstract Task<IProjectionStore> CreateStoreAsync();

    /// <summary>Disposes the store and opens it again over the same data. Needed for <see cref="StoreCapability.Persistence"/>.</summary>
    protected virtual Task<IProjectionStore> ReopenStoreAsync(IProjectionStore store) =>
        throw new NotSupportedException($"{GetType().Name} has Persistence but does not override {nameof(ReopenStoreAsync)}");

    /// <summary>Removes what the stores left behind (files, schemas), after they are disposed.</summary>
    protected virtual Task CleanUpAsync() => Task.CompletedTask;

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        foreach (var store in _stores)
            await store.DisposeAsync();
        await CleanUpAsync();
    }

    private async Task<IProjectionStore> NewStoreAsync()
    {
        var store = await CreateStoreAsync();
        _stores.Add(store);
        return store;
    }

    private async Task<IProjectionStore> NewCorpusStoreAsync()
    {
        var store = await NewStoreAsync();
        await FactCorpus.LoadIntoAsync(store);
        return store;
    }

    private async Task<IProjectionStore> ReopenAsync(IProjectionStore store)
    {
        var reopened = await ReopenStoreAsync(store);
        _stores.Add(reopened);
        return reopened;
    }
}
