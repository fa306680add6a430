using Factline.Storage;
using Factline.Storage.Sqlite;

namespace Factline.Tests.Storage;

/// <summary>
/// The whole store contract on a rebuild's SQLite shadow while it replays without the write-ahead log and
/// without its query indexes: a refused batch must still roll back, and every query must still answer.
/// </summary>
public sealed class SqliteShadowStoreContractTests : SqliteStoreContractTests
{
    protected override async Task<IProjectionStore> CreateStoreAsync() =>
        await new SqliteShadowStores(NextOptions(), TimeProvider.System).CreateAsync();
}
