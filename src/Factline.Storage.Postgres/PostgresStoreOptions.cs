namespace Factline.Storage.Postgres;

/// <summary>Where the PostgreSQL projection lives: a database, and a schema in it that holds only Factline's tables.</summary>
public sealed class PostgresStoreOptions
{
    /// <summary>An Npgsql connection string ("Host=...;Database=...;Username=..."). Pooling settings are honoured.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>
    /// The schema that holds the tables, created when missing. Lower-case letters, digits and underscores,
    /// so that it never needs quoting; another schema is another, independent projection.
    /// </summary>
    public string Schema { get; set; } = "factline";

    /// <summary>
    /// How often a reading instance checks whether a rebuild (run by any instance) has promoted a new schema
    /// for this projection. Writers check before every batch.
    /// </summary>
    public TimeSpan LiveSchemaCheckInterval { get; set; } = TimeSpan.FromSeconds(1);
}
