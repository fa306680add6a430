using Npgsql;

namespace Factline.Storage.Postgres;

/// <summary>One schema's tables, reached through a data source whose search path is that schema, and the writer of its batches.</summary>
internal sealed class SchemaTables : IDisposable
{
    private SchemaTables(string schema, NpgsqlDataSource dataSource)
    {
        Schema = schema;
        DataSource = dataSource;
        Batches = new BatchWriter(dataSource);
    }

    public string Schema { get; }
    public NpgsqlDataSource DataSource { get; }
    public BatchWriter Batches { get; }

    /// <summary>Connects to <paramref name="schema"/>, creating it when missing and bringing its tables up to date.</summary>
    public static SchemaTables Open(PostgresStoreOptions options, string schema)
    {
        var builder = new NpgsqlDataSourceBuilder(options.ConnectionString);
        // Statements name their tables unqualified: the search path makes them this schema's.
        builder.ConnectionStringBuilder.SearchPath = schema;
        builder.ConnectionStringBuilder.ApplicationName ??= "factline";
        var dataSource = builder.Build();
        try
        {
            using (var connection = dataSource.OpenConnection())
                PostgresSchema.Migrate(connection, schema);
            return new SchemaTables(schema, dataSource);
        }
        catch
        {
            dataSource.Dispose();
            throw;
        }
    }

    public void Dispose() => DataSource.Dispose();
}
