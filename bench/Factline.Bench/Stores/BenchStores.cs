using Factline.Storage.Memory;
using Factline.Storage.Sqlite;

namespace Factline.Bench.Stores;

/// <summary>Every projection store the bench measures, in the order the results list them.</summary>
public static class BenchStores
{
    public static BenchStore Memory { get; } = new("memory", _ => new MemoryProjectionStore(), _ => null, _ => { }, _ => null, ServerSettings: null);

    public static BenchStore Sqlite { get; } = new(
        "sqlite",
        slot => SqliteProjectionStore.Open(SqliteOptions(slot)),
        slot => FilesStartingWith(SqliteOptions(slot).DatabasePath),
        slot =>
        {
            if (Directory.Exists(slot.Directory))
                Directory.Delete(slot.Directory, recursive: true);
        },
        _ => null,
        slot => new Dictionary<string, string>
        {
            ["Factline:Store:Kind"] = "sqlite",
            ["Factline:Store:DataDirectory"] = slot.Directory,
        });

    /// <summary>Present only when <see cref="PostgresServer.Variable"/> names a server.</summary>
    public static BenchStore? Postgres { get; } = PostgresServer.FromEnvironment() is { } server
        ? new("postgres", server.Open, server.BytesUsed, server.Delete, server.CpuUsed, server.ServerSettings)
        : null;

    public static IReadOnlyList<BenchStore> All { get; } = [Memory, Sqlite, .. Postgres is null ? Array.Empty<BenchStore>() : [Postgres]];

    public static BenchStore Named(string name) =>
        All.FirstOrDefault(s => s.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"No store is called '{name}'; the bench knows {string.Join(", ", All.Select(s => s.Name))}" +
            (Postgres is null ? $" (postgres needs {PostgresServer.Variable}; bench/run.sh sets it)." : "."));

    private static SqliteStoreOptions SqliteOptions(StoreSlot slot) => new() { DataDirectory = slot.Directory };

    /// <summary>Every file in a directory: a SQLite slot's databases with their logs and pointer file.</summary>
    public static long BytesIn(string directory) =>
        Directory.Exists(directory) ? new DirectoryInfo(directory).EnumerateFiles().Sum(f => f.Length) : 0;

    /// <summary>The database file with its -wal and -shm companions.</summary>
    private static long FilesStartingWith(string path)
    {
        var file = new FileInfo(path);
        return file.Directory!.EnumerateFiles(file.Name + "*").Sum(f => f.Length);
    }
}
