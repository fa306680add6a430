using System.Net;
using System.Text.Json.Nodes;
using Factline.Storage.Postgres;
using Factline.Tests.EndToEnd;
using Factline.Tests.Infrastructure;

namespace Factline.Tests.Rebuild;

/// <summary>
/// Instances sharing a PostgreSQL projection rebuild it one at a time. A rebuild asked of one instance while another runs
/// one is refused at once (409), not accepted and then failed in the background where only this instance's log says why.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class RebuildElsewhereTests(PostgresFixture postgres, MockKafkaFixture kafka) : IClassFixture<MockKafkaFixture>
{
    [Fact]
    public async Task A_rebuild_while_another_instance_rebuilds_is_refused_with_a_409_and_the_command_exits_1()
    {
        var options = postgres.NewStoreOptions();
        var topic = kafka.CreateTopic(partitions: 2);
        await using var factline = new FactlineInstance(kafka.BootstrapServers, topic, settings: new Dictionary<string, string>
        {
            ["Factline:Store:Kind"] = "postgres",
            ["Factline:Store:ConnectionString"] = postgres.ConnectionString,
            ["Factline:Store:Schema"] = options.Schema,
        });
        try
        {
            await factline.StartAsync();
            // Another instance's rebuild: it holds the projection's rebuild lock while its shadow fills.
            var elsewhere = new PostgresShadowStores(options, TimeProvider.System);
            var shadow = await elsewhere.CreateAsync();
            try
            {
                using var refused = await factline.Http.PostAsync("/tmf-api/event/v4/admin/rebuild", null);

                Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
                var error = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
                Assert.Equal("REBUILD_RUNNING_ELSEWHERE", (string?)error["code"]);
                Assert.StartsWith($"Not started: another instance is rebuilding projection '{options.Schema}'", (string?)error["message"], StringComparison.Ordinal);
                using var command = FactlineProcess.Start(factline.DataDirectory, ["rebuild", "--server", factline.BaseAddress.ToString()], new Dictionary<string, string>());
                Assert.Equal(1, await command.WaitForExitAsync(TimeSpan.FromSeconds(60)));
                Assert.Contains(command.Lines, line => line.Contains("refused the rebuild: Not started: another instance is rebuilding", StringComparison.Ordinal));
            }
            finally
            {
                await elsewhere.DiscardAsync(shadow);
            }
        }
        finally
        {
            await factline.StopAsync();
            await postgres.DropSchemasAsync([options.Schema]);
        }
    }
}
