using Factline.Storage;
using Factline.Storage.Postgres;
using Npgsql;

namespace Factline.Bench.Stores;

/// <summary>
/// The PostgreSQL server the bench measures against, named by <see cref="Variable"/> (bench/run.sh starts
/// a throwaway one). Each slot is a database of its own, so every run starts empty and the server
/// host reaches it through its connection string alone.
/// </summary>
internal sealed class PostgresServer(string connectionString)
{
    public const string Variable = "FACTLINE_BENCH_POSTGRES";

    private const string TablesSize = """
        SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0)::bigint
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = @schema AND c.relkind = 'r'
        """;

    private const string RelationSizesSql = """
        SELECT c.relname::text,
               CASE c.relkind WHEN 'r' THEN pg_table_size(c.oid) ELSE pg_relation_size(c.oid) END
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = @schema AND c.relkind IN ('r', 'i')
        ORDER BY 2 DESC
        """;

    public static PostgresServer? FromEnvironment() =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } server ? new PostgresServer(server) : null;

    public IProjectionStore Open(StoreSlot slot)
    {
        using (var server = OpenAdministration())
        {
            using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", server);
            exists.Parameters.AddWithValue("name", slot.Name);
            if (exists.ExecuteScalar() is null)
                Execute(server, $"CREATE DATABASE {Quoted(slot.Name)}");
        }
        return PostgresProjectionStore.Open(new PostgresStoreOptions { ConnectionString = ConnectionStringFor(slot) });
    }

    /// <summary>The store's tables with their indexes and TOAST data (the write-ahead log is the server's, shared by all databases).</summary>
    public long? BytesUsed(StoreSlot slot)
    {
        using var connection = new NpgsqlConnection(ConnectionStringFor(slot));
        connection.Open();
        using var size = new NpgsqlCommand(TablesSize, connection);
        size.Parameters.AddWithValue("schema", new PostgresStoreOptions().Schema);
        return (long)size.ExecuteScalar()!;
    }

    /// <summary>The server's CPU time so far (see <see cref="PostgresServerCpu"/>); null when it runs on another machine.</summary>
    public TimeSpan? CpuUsed(StoreSlot slot)
    {
        using var connection = new NpgsqlConnection(ConnectionStringFor(slot));
        connection.Open();
        return PostgresServerCpu.Read(connection);
    }

    /// <summary>Each table and index of the store with its size (a table's without its indexes, TOAST included), largest first.</summary>
    public IReadOnlyList<(string Relation, long Bytes)> RelationSizes(StoreSlot slot)
    {
        using var connection = new NpgsqlConnection(ConnectionStringFor(slot));
        connection.Open();
        using var sizes = new NpgsqlCommand(RelationSizesSql, connection);
        sizes.Parameters.AddWithValue("schema", new PostgresStoreOptions().Schema);
        using var reader = sizes.ExecuteReader();
        var relations = new List<(string, long)>();
        while (reader.Read())
            relations.Add((reader.GetString(0), reader.GetInt64(1)));
        return relations;
    }

    public void Delete(StoreSlot slot)
    {
        using var server = OpenAdministration();
        Execute(server, $"DROP DATABASE IF EXISTS {Quoted(slot.Name)} WITH (FORCE)");
    }

    public IReadOnlyDictionary<string, string> ServerSettings(StoreSlot slot) => new Dictionary<string, string>
    {
        ["Factline:Store:Kind"] = "postgres",
        ["Factline:Store:ConnectionString"] = ConnectionStringFor(slot),
    };

    private string ConnectionStringFor(StoreSlot slot) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Database = slot.Name }.ConnectionString;

    private NpgsqlConnection OpenAdministration()
    {
        var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        return connection;
    }

    private static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private static string Quoted(string name) => $"\"{name.Replace("\"", "\"\"")}\"";
}
