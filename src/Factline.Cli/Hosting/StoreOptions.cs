using Factline.Storage.Sqlite;

namespace Factline.Cli.Hosting;

/// <summary>Which projection store to use. Bound from "Factline:Store".</summary>
public sealed class StoreOptions
{
    public const string Section = "Factline:Store";

    /// <summary>"sqlite" (embedded default), "memory" (lost on exit), or "postgres" (shared by several instances).</summary>
    public string Kind { get; set; } = "sqlite";

    /// <summary>Where the SQLite file lives.</summary>
    public string DataDirectory { get; set; } = "./data";

    /// <summary>The SQLite store's own options, from these.</summary>
    public SqliteStoreOptions Sqlite => new() { DataDirectory = DataDirectory };

    /// <summary>The PostgreSQL database (an Npgsql connection string), when <see cref="Kind"/> is "postgres".</summary>
    public string? ConnectionString { get; set; }
}
