using System.Net;
using System.Text.Json.Nodes;
using Factline.Storage;
using Factline.Storage.Sqlite;
using Factline.Tests.Api;
using Factline.Tests.EndToEnd;
using Factline.Tests.Infrastructure;
using Factline.Tests.Projection;

namespace Factline.Tests.Rebuild;

/// <summary>
/// After a dev broker restart or a topic created again, the log can be far shorter than the view's bookmarks. Answers
/// meanwhile say the log was replaced (asking again will not help), readiness is degraded, and a rebuild, asked knowing that it drops the facts
/// of the log read before, reads the log as it is and hands over although no shadow can reach those bookmarks.
/// </summary>
[Collection(MockKafkaCollection.Name)]
public sealed class ReplacedLogRebuildTests(MockKafkaFixture kafka)
{
    private const string Base = "/tmf-api/event/v4";

    [Fact]
    public async Task A_log_replaced_far_below_the_bookmarks_is_said_in_answers_and_a_rebuild_reads_it_as_it_is()
    {
        var topic = kafka.CreateTopic(partitions: 1);
        var partition = new PartitionId(topic, 0);
        var produced = SimulatedLog.Produce(kafka, topic, 5);
        await using var factline = new FactlineInstance(kafka.BootstrapServers, topic);
        // The view had read 5,000 records of the log the topic held before: more than a rebuild's hand-over margin.
        await using (var before = SqliteProjectionStore.Open(new SqliteStoreOptions { DataDirectory = factline.DataDirectory }))
            await before.ApplyAsync(new ProjectionBatch([], [], [new Bookmark(partition, 5_000, FirstReadOffset: 0)]));
        await factline.StartAsync();
        await InProcessProjection.WaitUntilAsync(async () => (await factline.Reader.ReadBookmarksAsync())[partition].LogReplaced);

        using var lookup = await factline.Http.GetAsync($"{Base}/event/{Uri.EscapeDataString(produced[0].EventId)}");
        var status = JsonNode.Parse(await factline.Http.GetStringAsync($"{Base}/status"))!;
        var degraded = await ApiAssert.ProbeAsync(factline.Http, "/health/ready", HttpStatusCode.OK, "Degraded");
        using var refused = await factline.Http.PostAsync($"{Base}/admin/rebuild", null);
        using var accepted = await factline.Http.PostAsync($"{Base}/admin/rebuild?acceptHistoryLoss=true", null);
        await InProcessProjection.WaitUntilAsync(async () =>
            (string?)JsonNode.Parse(await factline.Http.GetStringAsync($"{Base}/admin/rebuild"))!["phase"] is "completed" or "failed");

        var gap = await ApiAssert.TmfErrorAsync(lookup, HttpStatusCode.NotFound);
        Assert.Equal("HISTORY_GAP", (string?)gap["code"]);
        Assert.Contains($"the log of {partition} was replaced under the projection", (string?)gap["message"], StringComparison.Ordinal);
        Assert.Null(lookup.Headers.RetryAfter);
        Assert.True((bool)status["partitions"]![0]!["logReplaced"]!);
        // None of the log as it is now is read into the view: all of it is behind, whatever the old bookmark says.
        Assert.Equal((produced.Count, false), ((long)status["partitions"]![0]!["lag"]!, (bool)status["caughtUp"]!));
        Assert.StartsWith($"projection: partition {partition} paused: the log was replaced", Assert.Single(degraded));
        Assert.Contains($"{partition} offsets 0..4999", (string?)(await ApiAssert.TmfErrorAsync(refused, HttpStatusCode.Conflict))["message"], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal("completed", (string?)JsonNode.Parse(await factline.Http.GetStringAsync($"{Base}/admin/rebuild"))!["phase"]);
        await InProcessProjection.WaitUntilAsync(async () => (await factline.Reader.ReadCountersAsync()).Facts == produced.Count);
        var bookmark = (await factline.Reader.ReadBookmarksAsync())[partition];
        Assert.Equal((produced.Count, false), (bookmark.NextOffset, bookmark.LogReplaced));
        Assert.Equal(HttpStatusCode.OK, (await factline.Http.GetAsync($"{Base}/event/{Uri.EscapeDataString(produced[0].EventId)}")).StatusCode);
        await ApiAssert.ProbeAsync(factline.Http, "/health/ready", HttpStatusCode.OK, "Healthy");
    }
}
