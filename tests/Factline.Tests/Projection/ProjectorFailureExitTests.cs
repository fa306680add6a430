using Factline.Cli.Hosting;
using Factline.Tests.Infrastructure;
using Npgsql;

namespace Factline.Tests.Projection;

/// <summary>
/// The real <c>factline project</c> whose store fails for good: the projector gives up after its retries, stops the
/// process, and the process exits with a failing code, so that a supervisor restarts it instead of taking it for a stop.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ProjectorFailureExitTests(PostgresFixture postgres, MockKafkaFixture kafka) : IClassFixture<MockKafkaFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_projector_whose_store_refuses_it_stops_the_process_with_a_failing_exit_code()
    {
        var topic = kafka.CreateTopic();
        var first = SimulatedLog.Produce(kafka, topic, 1, seed: 1);
        var database = "projector_failure_" + Guid.NewGuid().ToString("N");
        var connectionString = await postgres.CreateDatabaseAsync(database);
        var workingDirectory = Directory.CreateTempSubdirectory("factline-failure-").FullName;
        try
        {
            using var projector = FactlineProcess.Start(workingDirectory,
                ["project", "--bootstrap-servers", kafka.BootstrapServers, "--topic", topic, "--store", "postgres"],
                new Dictionary<string, string>
                {
                    ["Factline__Store__ConnectionString"] = connectionString,
                    ["Factline__Kafka__GroupId"] = $"factline-failure-{Guid.NewGuid():N}",
                    ["Factline__Projector__ApplyRetries"] = "1",
                    ["Logging__LogLevel__Default"] = "Warning",
                });
            await projector.WaitUntilAsync(async () => await StoredFactsAsync(connectionString) == first.Count, "the first facts are stored", Timeout);

            await postgres.RefuseConnectionsAsync(database);
            SimulatedLog.Produce(kafka, topic, 1, seed: 2);

            Assert.Equal(HostExitCode.ProjectorFailed, await projector.WaitForExitAsync(Timeout));
            Assert.Contains(projector.Lines, line => line.Contains("The projector stopped", StringComparison.Ordinal));
            Assert.DoesNotContain(projector.Lines, line => line.Contains("Unhandled exception", StringComparison.Ordinal));
        }
        finally
        {
            await postgres.DropDatabaseAsync(database);
            Directory.Delete(workingDirectory, recursive: true);
        }
    }

    private static async Task<long> StoredFactsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT COUNT(*) FROM factline.facts", connection);
        try
        {
            return (long)(await count.ExecuteScalarAsync())!;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return 0; // The process has not created its schema yet.
        }
    }
}
