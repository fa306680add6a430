using Npgsql;

namespace Factline.Storage.Postgres;

/// <summary>One schema's tables, reached through a data source whose search path is that schema, and the writer of its batches.</summary>
internal sealed class SchemaTables : IDisposable
{
    private SchemaTables(string schema, NpgsqlDataSource dataSource)
    {
        Schema = schema;
        DataSource = dataSource;
        Raw = new RawUnpacker(dataSource);
        SearchGroups = new SearchGroupIds(dataSource);
        Batches = new BatchWriter(dataSource, Raw, SearchGroups);
    }

    public string Schema { get; }
    public NpgsqlDataSource DataSource { get; }
    public BatchWriter Batches { get; }

    /// <summary>Turns stored raw values back into record values, as every read of a fact needs.</summary>
    public RawUnpacker Raw { get; }

    /// <summary>The ids of the search groups, as the writer stores them and a search for one group selects by them.</summary>
    public SearchGroupIds SearchGroups { get; }

    /// <summary>Connects to <paramref name="schema"/>, creating it when missing and bringing its tables up to date.</summary>
    public static SchemaTables Open(PostgresStoreOptions options, string schema)
    {
        var builder = new NpgsqlDataSourceBuilder(options.ConnectionString);
        // Statements name their tables unqualified: the search path makes them this schema's.
        builder.ConnectionStringBuilder.SearchPath = schema;
        builder.ConnectionStringBuilder.ApplicationName ??= "factline";
        // Queries repeat a few shapes; prepared once per connection, they skip the server's parse and plan.
        if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0)
            builder.ConnectionStringBuilder.MaxAutoPrepare = 64;
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

    public void Dispose()
    {
        Batches.Dispose();
        Raw.Dispose();
        DataSource.Dispose();
    }
}
