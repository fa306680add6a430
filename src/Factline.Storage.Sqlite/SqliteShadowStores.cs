using System.Globalization;
using System.Text.RegularExpressions;

namespace Factline.Storage.Sqlite;

/// <summary>
/// SQLite stores for a rebuild: each shadow is a new file in the data directory (<c>factline.20261126T101530123Z.db</c>);
/// promoting it points <see cref="SqliteLiveFile"/> at it, so a restart opens the rebuilt view. Files a
/// crashed rebuild left behind are removed before the next shadow is made.
/// </summary>
public sealed class SqliteShadowStores(SqliteStoreOptions live, TimeProvider clock) : IShadowStores
{
    private static readonly string[] SideFiles = ["-wal", "-shm"];

    public async Task<IProjectionStore> CreateAsync(CancellationToken cancellationToken = default)
    {
        RemoveLeftovers();
        var stamp = clock.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture);
        var name = $"{Path.GetFileNameWithoutExtension(live.FileName)}.{stamp}{Path.GetExtension(live.FileName)}";
        var shadow = SqliteProjectionStore.OpenShadow(new SqliteStoreOptions { DataDirectory = live.DataDirectory, FileName = name });
        await shadow.DeferIndexesAsync();
        return shadow;
    }

    /// <summary>
    /// Builds the query indexes the replay went without (see <see cref="SqliteSchema.DeferIndexes"/>) and moves the
    /// shadow, written to disk, into the write-ahead log it replayed without (see <see cref="SqliteProjectionStore.OpenShadow"/>).
    /// </summary>
    public Task PrepareAsync(IProjectionStore shadow, CancellationToken cancellationToken = default) =>
        Sqlite(shadow).PrepareForQueriesAsync(cancellationToken);

    public Task PromoteAsync(IProjectionStore shadow, CancellationToken cancellationToken = default)
    {
        SqliteLiveFile.Point(live, Sqlite(shadow).DatabasePath);
        return Task.CompletedTask;
    }

    public async Task DiscardAsync(IProjectionStore store)
    {
        var path = Sqlite(store).DatabasePath;
        await store.DisposeAsync();
        Delete(path);
    }

    /// <summary>Every database file of this store's name family except the live one: shadows of crashed rebuilds, or a replaced file not yet deleted.</summary>
    private void RemoveLeftovers()
    {
        var directory = Path.GetDirectoryName(live.DatabasePath)!;
        if (!Directory.Exists(directory))
            return;
        var family = new Regex(
            $@"^{Regex.Escape(Path.GetFileNameWithoutExtension(live.FileName))}(\.\d{{8}}T\d{{9}}Z)?{Regex.Escape(Path.GetExtension(live.FileName))}$",
            RegexOptions.CultureInvariant);
        var current = SqliteLiveFile.Resolve(live);
        foreach (var path in Directory.EnumerateFiles(directory))
        {
            if (family.IsMatch(Path.GetFileName(path)) && path != current)
                Delete(path);
        }
    }

    private static void Delete(string databasePath)
    {
        File.Delete(databasePath);
        foreach (var suffix in SideFiles)
            File.Delete(databasePath + suffix);
    }

    private static SqliteProjectionStore Sqlite(IProjectionStore store) =>
        store as SqliteProjectionStore ?? throw new ArgumentException($"Expected a SQLite store, got {store.GetType().Name}.", nameof(store));
}
