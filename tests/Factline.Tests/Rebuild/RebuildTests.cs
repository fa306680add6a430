using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Factline.Cli.Commands;
using Factline.Projection.Rebuild;
using Factline.Storage;
using Factline.Storage.Sqlite;
using Factline.Tests.EndToEnd;
using Factline.Tests.Infrastructure;
using Factline.Tests.Projection;

namespace Factline.Tests.Rebuild;

/// <summary>
/// <c>factline rebuild</c> and <c>POST /admin/rebuild</c> on a running server with a SQLite store. The live view
/// starts past the first records of partition 0 (<c>--from offsets:...</c>), so the rebuilt view, replayed from
/// earliest, holds a known number of facts more: every answer is recognisably the old view or the new one.
/// </summary>
[Collection(MockKafkaCollection.Name)]
public sealed class RebuildTests(MockKafkaFixture kafka)
{
    private const string Base = "/tmf-api/event/v4";
    private const int Skipped = 40;

    [Fact]
    public async Task Queries_throughout_a_rebuild_see_the_whole_old_view_or_the_whole_new_one_never_a_partial_one()
    {
        var (server, log) = await ServePartialViewAsync(facts: 12_000, new() { ["Factline:Projector:MaxBatchSize"] = "100" });
        await using var _ = server;
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        var timelines = CorrelationsOutsidePartitionZero(log.Topic, take: 5);
        var totals = new ConcurrentBag<long>();
        var wrongTimelines = new ConcurrentBag<string>();
        var answeredDuringRebuild = 0;
        var rebuilding = false;

        async Task QueryAsync()
        {
            var during = Volatile.Read(ref rebuilding);
            totals.Add(await TotalAsync(http));
            var (correlationId, facts) = timelines[Random.Shared.Next(timelines.Count)];
            var timeline = await GetJsonAsync(http, $"{Base}/event?correlationId={correlationId}");
            if (timeline.GetArrayLength() != facts)
                wrongTimelines.Add($"{correlationId}: {timeline.GetArrayLength()} of {facts} facts");
            if (during && Volatile.Read(ref rebuilding))
                Interlocked.Increment(ref answeredDuringRebuild);
        }

        await QueryAsync();
        using var stop = new CancellationTokenSource();
        var queries = Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
                await QueryAsync();
        })).ToArray();

        Volatile.Write(ref rebuilding, true);
        using var started = await http.PostAsync($"{Base}/admin/rebuild", null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var finished = await WaitForRebuildAsync(http);
        Volatile.Write(ref rebuilding, false);
        await QueryAsync();
        await stop.CancelAsync();
        await Task.WhenAll(queries);

        Assert.Equal("completed", finished.GetProperty("phase").GetString());
        Assert.Empty(wrongTimelines);
        Assert.All(totals, total => Assert.Contains(total, new long[] { log.Facts - Skipped, log.Facts }));
        Assert.Contains(log.Facts - Skipped, totals);
        Assert.Contains(log.Facts, totals);
        Assert.True(answeredDuringRebuild > 0, "no query was answered while the rebuild ran, so the test proved nothing");
        var bookmarks = await server.Reader.ReadBookmarksAsync();
        Assert.All(bookmarks.Values, b => Assert.Equal(0, b.LostRecords)); // the rebuilt view has no gap
        Assert.Equal(0, (await server.Reader.ReadCountersAsync()).Duplicates);
    }

    [Fact]
    public async Task The_rebuild_command_makes_a_new_sqlite_file_live_and_a_restart_opens_it()
    {
        var (server, log) = await ServePartialViewAsync(facts: 1_000);
        await using var _ = server;
        var original = new SqliteStoreOptions { DataDirectory = server.DataDirectory }.DatabasePath;

        var exitCode = await RebuildCommand.Create().Parse(["--server", server.BaseAddress.ToString()]).InvokeAsync();

        Assert.Equal(0, exitCode);
        var rebuilt = ((SqliteProjectionStore)server.Services.GetRequiredService<SwappableProjectionStore>().Current).DatabasePath;
        Assert.NotEqual(original, rebuilt);
        Assert.Equal(log.Facts, (await server.Reader.ReadCountersAsync()).Facts);
        await server.StopAsync();
        Assert.False(File.Exists(original), "the replaced file should be deleted");
        Assert.True(File.Exists(rebuilt));

        await server.StartAsync(); // from the stored bookmarks: the rebuilt file's
        Assert.Equal(rebuilt, ((SqliteProjectionStore)server.Services.GetRequiredService<SwappableProjectionStore>().Current).DatabasePath);
        Assert.Equal(log.Facts, (await server.Reader.ReadCountersAsync()).Facts);
        Assert.All((await server.Reader.ReadBookmarksAsync()).Values, b => Assert.Equal(0, b.LostRecords));

        var more = SimulatedLog.Produce(kafka, log.Topic, 100, seed: 99);
        await InProcessProjection.WaitUntilAsync(() => InProcessProjection.HasReachedAsync(server.Reader, SimulatedLog.Ends(kafka, log.Topic)));
        var counters = await server.Reader.ReadCountersAsync();
        Assert.Equal(log.Facts + more.Count, counters.Facts);
        Assert.Equal(0, counters.Duplicates);
    }

    [Fact]
    public async Task The_admin_resource_shows_progress_refuses_a_second_rebuild_and_a_stop_discards_the_shadow()
    {
        // A hand-over threshold no shadow can meet (no setting may hold it) keeps the rebuild replaying until the server stops.
        var (server, log) = await ServePartialViewAsync(facts: 500,
            replaceServices: services => services.AddSingleton(new RebuildOptions { SwapWithinRecords = -1 }));
        await using var _ = server;
        using var http = new HttpClient { BaseAddress = server.BaseAddress };

        using var none = await http.GetAsync($"{Base}/admin/rebuild");
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        Assert.Equal("NOT_FOUND", (await none.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());

        using var started = await http.PostAsync($"{Base}/admin/rebuild", null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        Assert.Equal($"{Base}/admin/rebuild", started.Headers.Location?.ToString());
        var body = await started.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("replaying", body.GetProperty("phase").GetString());
        Assert.Equal("ProjectionRebuild", body.GetProperty("@type").GetString());

        using var second = await http.PostAsync($"{Base}/admin/rebuild", null);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var error = await second.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("REBUILD_IN_PROGRESS", error.GetProperty("code").GetString());
        Assert.Equal("409", error.GetProperty("status").GetString());

        JsonElement progress = default;
        await InProcessProjection.WaitUntilAsync(async () =>
        {
            progress = await GetJsonAsync(http, $"{Base}/admin/rebuild");
            return progress.GetProperty("recordsApplied").GetInt64() == log.Facts && progress.GetProperty("recordsTotal").GetInt64() == log.Facts;
        });
        Assert.Equal("replaying", progress.GetProperty("phase").GetString());
        Assert.Equal(0, progress.GetProperty("estimatedSecondsLeft").GetDouble());
        Assert.True(progress.GetProperty("recordsPerSecond").GetDouble() > 0);
        Assert.Equal(log.Facts - Skipped, (await server.Reader.ReadCountersAsync()).Facts); // the live view is untouched

        await server.StopAsync();
        Assert.Equal(["factline.db"], Directory.GetFiles(server.DataDirectory).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Once_the_rebuild_resource_says_failed_another_rebuild_can_start()
    {
        // A hand-over that must finish within a millisecond of pausing the live projector fails; its shadow takes a while to go.
        var (server, _) = await ServePartialViewAsync(facts: 500, replaceServices: services =>
        {
            services.AddSingleton(new RebuildOptions { SwapWithinRecords = long.MaxValue, MaxPause = TimeSpan.FromMilliseconds(1) });
            var shadows = services.Last(d => d.ServiceType == typeof(IShadowStores));
            services.AddSingleton<IShadowStores>(provider => new SlowToDiscard((IShadowStores)shadows.ImplementationFactory!(provider)));
        });
        await using var _ = server;
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        using var first = await http.PostAsync($"{Base}/admin/rebuild", null);
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);

        await InProcessProjection.WaitUntilAsync(async () => (await GetJsonAsync(http, $"{Base}/admin/rebuild")).GetProperty("phase").GetString() == "failed");
        using var second = await http.PostAsync($"{Base}/admin/rebuild", null);

        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
    }

    /// <summary>Shadow stores whose discard takes a second: the time a large shadow takes to delete.</summary>
    private sealed class SlowToDiscard(IShadowStores shadows) : IShadowStores
    {
        public Task<IProjectionStore> CreateAsync(CancellationToken cancellationToken = default) => shadows.CreateAsync(cancellationToken);

        public Task PrepareAsync(IProjectionStore shadow, CancellationToken cancellationToken = default) => shadows.PrepareAsync(shadow, cancellationToken);

        public Task PromoteAsync(IProjectionStore shadow, CancellationToken cancellationToken = default) => shadows.PromoteAsync(shadow, cancellationToken);

        public async Task DiscardAsync(IProjectionStore store)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            await shadows.DiscardAsync(store);
        }
    }

    private async Task<(FactlineInstance Server, ProducedLog Log)> ServePartialViewAsync(
        int facts, Dictionary<string, string>? settings = null, Action<IServiceCollection>? replaceServices = null)
    {
        var topic = kafka.CreateTopic(partitions: 3);
        var produced = SimulatedLog.Produce(kafka, topic, facts);
        var ends = SimulatedLog.Ends(kafka, topic);
        Assert.True(ends[new PartitionId(topic, 0)] > Skipped);
        var server = new FactlineInstance(kafka.BootstrapServers, topic);
        settings ??= [];
        settings["Factline:Projector:StartFrom"] = $"offsets:{topic}/0={Skipped}";
        await server.StartAsync(settings, replaceServices);
        await InProcessProjection.WaitUntilAsync(() => InProcessProjection.HasReachedAsync(server.Reader, ends));
        Assert.Equal(produced.Count - Skipped, (await server.Reader.ReadCountersAsync()).Facts);
        return (server, new ProducedLog(topic, produced.Count));
    }

    /// <summary>Transactions whose facts all sit in partitions the live view read from their start, with their fact counts.</summary>
    private List<(string CorrelationId, int Facts)> CorrelationsOutsidePartitionZero(string topic, int take) =>
        [.. kafka.ConsumeAll(topic)
            .Where(r => r.Partition.Value != 0)
            .GroupBy(r => r.Message.Key!)
            .Take(take)
            .Select(g => (g.Key, g.Count()))];

    private static async Task<long> TotalAsync(HttpClient http)
    {
        using var response = await http.GetAsync($"{Base}/event?limit=1");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return long.Parse(response.Headers.GetValues("X-Total-Count").Single());
    }

    private static async Task<JsonElement> WaitForRebuildAsync(HttpClient http)
    {
        JsonElement rebuild = default;
        await InProcessProjection.WaitUntilAsync(async () =>
        {
            rebuild = await GetJsonAsync(http, $"{Base}/admin/rebuild");
            return rebuild.GetProperty("phase").GetString() is "completed" or "failed";
        });
        return rebuild;
    }

    private static async Task<JsonElement> GetJsonAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} → {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private sealed record ProducedLog(string Topic, int Facts);
}
