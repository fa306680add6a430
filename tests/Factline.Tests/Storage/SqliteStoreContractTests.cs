using Factline.Storage;
using Factline.Storage.Sqlite;
using Factline.Tests.Storage.Contract;

namespace Factline.Tests.Storage;

public class SqliteStoreContractTests : ProjectionStoreContract
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "factline-sqlite-" + Guid.NewGuid().ToString("N"));
    private int _files;

    protected override Task<IProjectionStore> CreateStoreAsync() =>
        Task.FromResult<IProjectionStore>(SqliteProjectionStore.Open(NextOptions()));

    /// <summary>Options for a store file of its own.</summary>
    protected SqliteStoreOptions NextOptions() => new() { DataDirectory = _directory, FileName = $"store-{++_files}.db" };

    protected override IShadowStores ShadowStoresBeside(IProjectionStore live) =>
        new SqliteShadowStores(((SqliteProjectionStore)live).Options, TimeProvider.System);

    protected override async Task<IProjectionStore> ReopenStoreAsync(IProjectionStore store)
    {
        var options = ((SqliteProjectionStore)store).Options;
        await store.DisposeAsync();
        return SqliteProjectionStore.Open(options);
    }

    protected override Task CleanUpAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }
}
