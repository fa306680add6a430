using Factline.Storage.Postgres;
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

    /// <summary>The PostgreSQL schema that names the projection (default "factline"); another schema is another, independent projection.</summary>
    public string Schema { get; set; } = new PostgresStoreOptions().Schema;

    /// <summary>How often a PostgreSQL instance checks whether a rebuild (run by any instance) made another schema live.</summary>
    public TimeSpan LiveSchemaCheckInterval { get; set; } = new PostgresStoreOptions().LiveSchemaCheckInterval;

    /// <summary>The PostgreSQL store's own options, from these (a method: the configuration binder must not call it).</summary>
    public PostgresStoreOptions ToPostgresOptions() => new()
    {
        ConnectionString = ConnectionString ?? throw new ArgumentException(
            $"{Section}:{nameof(ConnectionString)} is required when {Section}:{nameof(Kind)} is \"postgres\"."),
        Schema = Schema,
        LiveSchemaCheckInterval = LiveSchemaCheckInterval,
    };
}
