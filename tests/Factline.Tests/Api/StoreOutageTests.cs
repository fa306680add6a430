using System.Data.Common;
using System.Net;
using Factline.Storage.Postgres;
using Factline.Tests.Infrastructure;
using Factline.Tests.Storage.Contract;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Factline.Tests.Api;

/// <summary>A PostgreSQL store that stops answering for a while: the API says so with a 503 to retry, then answers again.</summary>
[Collection(PostgresCollection.Name)]
public sealed class StoreOutageTests(PostgresFixture postgres)
{
    private const string EventPath = "/tmf-api/event/v4/event/outage-1";

    [Fact]
    public async Task A_store_that_refuses_connections_is_a_logged_503_to_retry_and_the_API_answers_again_once_it_is_back()
    {
        // A database of its own: refusing its connections must not touch the schemas other tests use.
        var database = "outage_" + Guid.NewGuid().ToString("N");
        await AdministerAsync($"CREATE DATABASE {database}");
        try
        {
            var connectionString = new NpgsqlConnectionStringBuilder(postgres.ConnectionString) { Database = database }.ConnectionString;
            await using var store = PostgresProjectionStore.Open(new PostgresStoreOptions { ConnectionString = connectionString });
            await store.ApplyAsync(TestFacts.Batch([TestFacts.Fact("outage-1").At(0, 0)], null, TestFacts.Bookmark(0, 1)));
            await using var server = await ApiServer.StartAsync(store);
            Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync(EventPath)).StatusCode);

            // What a restarting or overloaded server looks like to the store: its connections are cut and new ones refused.
            await AdministerAsync($"ALTER DATABASE {database} WITH ALLOW_CONNECTIONS false");
            await AdministerAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database}'");

            var refused = await server.Client.GetAsync(EventPath);
            var error = await ApiAssert.TmfErrorAsync(refused, HttpStatusCode.ServiceUnavailable);
            Assert.Equal("SERVICE_UNAVAILABLE", (string?)error["code"]);
            Assert.Equal(TimeSpan.FromSeconds(1), refused.Headers.RetryAfter?.Delta);
            Assert.DoesNotContain(database, error.ToJsonString());
            Assert.DoesNotContain(" at ", error.ToJsonString());
            var logged = Assert.Single(server.Logs.Entries, entry => entry.Level >= LogLevel.Warning);
            Assert.Equal(LogLevel.Warning, logged.Level);
            Assert.True(Assert.IsAssignableFrom<DbException>(logged.Exception).IsTransient);

            await AdministerAsync($"ALTER DATABASE {database} WITH ALLOW_CONNECTIONS true");
            Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync(EventPath)).StatusCode);
        }
        finally
        {
            await AdministerAsync($"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
        }
    }

    private async Task AdministerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(postgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
