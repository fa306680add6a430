using Factline.Storage.Postgres;
using Factline.Tests.Infrastructure;
using Npgsql;

namespace Factline.Tests.ScaleOut;

/// <summary>
/// What the instances of one scale-out test share: a Kafka topic, a consumer group, and a PostgreSQL
/// database of their own on the test server, in the default schema as a deployment would have it.
/// Disposing drops the database and the working directory.
/// </summary>
public sealed class ScaleOutDeployment : IAsyncDisposable
{
    private readonly PostgresFixture _postgres;
    private readonly string _database;

    private ScaleOutDeployment(PostgresFixture postgres, string database, string bootstrapServers, string topic)
    {
        _postgres = postgres;
        _database = database;
        BootstrapServers = bootstrapServers;
        Topic = topic;
        StoreConnectionString = new NpgsqlConnectionStringBuilder(postgres.ConnectionString) { Database = database }.ConnectionString;
        WorkingDirectory = Directory.CreateTempSubdirectory("factline-scale-").FullName;
    }

    public string BootstrapServers { get; }
    public string Topic { get; }
    public string GroupId { get; } = $"factline-scale-{Guid.NewGuid():N}";
    public string StoreConnectionString { get; }
    public string WorkingDirectory { get; }

    /// <summary>The options every instance's store is opened with: the shared database, the default schema.</summary>
    public PostgresStoreOptions StoreOptions => new() { ConnectionString = StoreConnectionString };

    public static async Task<ScaleOutDeployment> CreateAsync(PostgresFixture postgres, string bootstrapServers, string topic)
    {
        var database = $"scale_{Guid.NewGuid():N}";
        await ExecuteAsync(postgres, $"CREATE DATABASE {database}");
        return new ScaleOutDeployment(postgres, database, bootstrapServers, topic);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        // The database name is generated above: safe to put in the statement as it is.
        await ExecuteAsync(_postgres, $"DROP DATABASE IF EXISTS {_database} WITH (FORCE)");
        Directory.Delete(WorkingDirectory, recursive: true);
    }

    private static async Task ExecuteAsync(PostgresFixture postgres, string sql)
    {
        await using var connection = new NpgsqlConnection(postgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
