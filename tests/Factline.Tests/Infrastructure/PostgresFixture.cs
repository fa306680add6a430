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
    };

    /// <summary>Drops the schemas and everything in them.</summary>
    public async Task DropSchemasAsync(IEnumerable<string> schemas)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        foreach (var schema in schemas)
        {
            // Schema names come from NewStoreOptions: safe to put in the statement as they are.
            await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }

    public async Task InitializeAsync() => _cluster = await PostgresCluster.StartAsync();

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
            await _cluster.DisposeAsync();
    }
}
