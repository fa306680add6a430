using Factline.Storage.Postgres;
using Npgsql;

namespace Factline.Tests.Infrastructure;

/// <summary>
/// One throwaway PostgreSQL server for the tests of <see cref="PostgresCollection"/>. Tests stay
/// independent by giving every store a schema of its own, and dropping it afterwards.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private PostgresCluster? _cluster;

    public PostgresCluster Cluster => _cluster ?? throw new InvalidOperationException("the PostgreSQL cluster has not started");

    public string ConnectionString => Cluster.ConnectionString;

    /// <summary>Store options for a schema that no other test uses (it is created when the store opens).</summary>
    public PostgresStoreOptions NewStoreOptions() => new()
    {
        ConnectionString = ConnectionString,
        Schema = "test_" + Guid.NewGuid().ToString("N"),
        // Rebuild tests wait for other instances to follow a promotion: no need to wait a second.
        LiveSchemaCheckInterval = TimeSpan.FromMilliseconds(50),
    };

    /// <summary>Drops the schemas, the rebuild shadows of their projections, and everything in them.</summary>
    public async Task DropSchemasAsync(IEnumerable<string> schemas)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        foreach (var projection in schemas)
        {
            // Schema names come from NewStoreOptions and the shadow naming: safe to put in the statement as they are.
            foreach (var schema in await SchemaFamilyAsync(projection))
            {
                await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE", connection);
                await drop.ExecuteNonQueryAsync();
            }
        }
    }

    /// <summary>The projection's own schema and its rebuild shadows (<c>&lt;projection&gt;_r&lt;time&gt;</c>) that exist, in name order.</summary>
    public async Task<List<string>> SchemaFamilyAsync(string projection)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(@"SELECT nspname::text FROM pg_namespace WHERE nspname = $1 OR nspname LIKE $1 || '\_r%' ORDER BY 1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = projection });
        await using var reader = await command.ExecuteReaderAsync();
        var schemas = new List<string>();
        while (await reader.ReadAsync())
            schemas.Add(reader.GetString(0));
        return schemas;
    }

    /// <summary>The first column of every row of a query run as the superuser.</summary>
    public async Task<List<T>> QueryAsync<T>(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in parameters)
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
            rows.Add(reader.GetFieldValue<T>(0));
        return rows;
    }

    /// <summary>
    /// A database of its own, for a test that makes the server refuse its connections (<see cref="RefuseConnectionsAsync"/>)
    /// without touching the schemas other tests use; returns its connection string.
    /// </summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        await ExecuteAsync($"CREATE DATABASE {name}");
        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
    }

    public Task DropDatabaseAsync(string name) => ExecuteAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");

    /// <summary>What a restarting or overloaded server looks like to its clients: their connections are cut and new ones refused.</summary>
    public async Task RefuseConnectionsAsync(string database)
    {
        await ExecuteAsync($"ALTER DATABASE {database} WITH ALLOW_CONNECTIONS false");
        await ExecuteAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database}'");
    }

    public Task AllowConnectionsAsync(string database) => ExecuteAsync($"ALTER DATABASE {database} WITH ALLOW_CONNECTIONS true");

    public async Task InitializeAsync() => _cluster = await PostgresCluster.StartAsync();

    /// <summary>Runs a statement as the superuser on the server's default database (names in it are the caller's own).</summary>
    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
            await _cluster.DisposeAsync();
    }
}
