using System.Net;
using Factline.Storage.Postgres;
using Factline.Tests.Infrastructure;
using Factline.Tests.Storage.Contract;

namespace Factline.Tests.Api;

/// <summary>
/// A PostgreSQL store that stops answering for a while: queries say so with a 503 to retry and the server is not ready,
/// then both answer again.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class StoreOutageTests(PostgresFixture postgres)
{
    private const string EventPath = "/tmf-api/event/v4/event/outage-1";

    [Fact]
    public async Task A_store_that_refuses_connections_is_a_logged_503_to_retry_and_the_API_answers_again_once_it_is_back()
    {
        var database = "outage_" + Guid.NewGuid().ToString("N");
        var connectionString = await postgres.CreateDatabaseAsync(database);
        try
        {
            await using var store = PostgresProjectionStore.Open(new PostgresStoreOptions { ConnectionString = connectionString });
            await store.ApplyAsync(TestFacts.Batch([TestFacts.Fact("outage-1").At(0, 0)], null, TestFacts.Bookmark(0, 1)));
            await using var server = await ApiServer.StartAsync(store);
            Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync(EventPath)).StatusCode);

            await postgres.RefuseConnectionsAsync(database);

            var refused = await server.Client.GetAsync(EventPath);
            var error = await ApiAssert.TmfErrorAsync(refused, HttpStatusCode.ServiceUnavailable);
            Assert.Equal("SERVICE_UNAVAILABLE", (string?)error["code"]);
            Assert.Equal(TimeSpan.FromSeconds(1), refused.Headers.RetryAfter?.Delta);
            Assert.DoesNotContain(database, error.ToJsonString());
            Assert.DoesNotContain(" at ", error.ToJsonString());
            var logged = Assert.Single(server.Logs.Entries, entry => entry.Level >= LogLevel.Warning);
            Assert.Equal(LogLevel.Warning, logged.Level);
            // One line with the driver's reason: during an outage every request fails alike, a stack trace each would bury the log.
            Assert.Null(logged.Exception);
            Assert.Matches(@"^The store failed transiently for GET \S+ \(trace id \S+\): \S", logged.Message);
            await ApiAssert.ProbeAsync(server.Client, "/health/ready", HttpStatusCode.ServiceUnavailable, "Unhealthy");
            await ApiAssert.ProbeAsync(server.Client, "/health/ready", HttpStatusCode.ServiceUnavailable, "Unhealthy");
            // A probe every few seconds during an outage: no stack trace each time either.
            Assert.DoesNotContain(server.Logs.Entries, entry => entry.Exception is not null);
            await ApiAssert.ProbeAsync(server.Client, "/health/live", HttpStatusCode.OK, "Healthy");

            await postgres.AllowConnectionsAsync(database);
            Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync(EventPath)).StatusCode);
            await ApiAssert.ProbeAsync(server.Client, "/health/ready", HttpStatusCode.OK, "Healthy");
        }
        finally
        {
            await postgres.DropDatabaseAsync(database);
        }
    }
}
