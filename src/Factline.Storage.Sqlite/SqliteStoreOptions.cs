namespace Factline.Storage.Sqlite;

/// <summary>Where the SQLite projection lives: one file under a data directory.</summary>
public sealed class SqliteStoreOptions
{
    public string DataDirectory { get; set; } = "./data";
    public string FileName { get; set; } = "factline.db";

    /// <summary>The database file's full path.</summary>
    public string DatabasePath => Path.GetFullPath(Path.Combine(DataDirectory, FileName));
}
