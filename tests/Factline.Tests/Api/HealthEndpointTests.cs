using System.Net;
using Factline.Projection.Evidence;
using Factline.Storage;
using Factline.Storage.Memory;
using Factline.Tests.Infrastructure;

namespace Factline.Tests.Api;

/// <summary>
/// The probes a supervisor asks: live while the process serves HTTP, ready while the store answers too, and degraded,
/// with the reason, while the projection cannot follow its log until someone acts.
/// </summary>
public sealed class HealthEndpointTests
{
    [Fact]
    public async Task A_server_whose_store_answers_is_live_and_ready()
    {
        await using var store = new MemoryProjectionStore();
        await using var server = await ApiServer.StartAsync(store);

        Assert.Empty(await ApiAssert.ProbeAsync(server.Client, "/health/live", HttpStatusCode.OK, "Healthy"));
        Assert.Empty(await ApiAssert.ProbeAsync(server.Client, "/health/ready", HttpStatusCode.OK, "Healthy"));
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task A_probe_is_read_with_get_or_head_and_other_methods_are_a_405(string path)
    {
        await using var store = new MemoryProjectionStore();
        await using var server = await ApiServer.StartAsync(store);

        var head = await server.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));
        var post = await server.Client.PostAsync(path, null);

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        await ApiAssert.TmfErrorAsync(post, HttpStatusCode.MethodNotAllowed);
        Assert.Equal(["GET", "HEAD"], post.Content.Headers.Allow.Order());
    }

    [Fact]
    public async Task A_server_whose_store_fails_is_live_but_not_ready()
    {
        var store = new MemoryProjectionStore();
        await store.DisposeAsync(); // Every read now throws.
        await using var server = await ApiServer.StartAsync(store);

        await ApiAssert.ProbeAsync(server.Client, "/health/live", HttpStatusCode.OK, "Healthy");
        var reasons = await ApiAssert.ProbeAsync(server.Client, "/health/ready", HttpStatusCode.ServiceUnavailable, "Unhealthy");
        Assert.StartsWith("store: the store did not answer: ", Assert.Single(reasons));
    }

    [Fact]
    public async Task A_projection_paused_for_a_replaced_log_is_ready_but_degraded_and_names_the_partition_and_the_way_out()
    {
        await using var store = new MemoryProjectionStore();
        var progress = new FixedReadProgress([Partition(0), Partition(1) with { LogReplaced = true }]);
        await using var server = await ApiServer.StartAsync(store, progress: progress);

        var reasons = await ApiAssert.ProbeAsync(server.Client, "/health/ready", HttpStatusCode.OK, "Degraded");

        Assert.Equal(
            ["projection: partition tmf.facts/1 paused: the log was replaced under the view; a rebuild reads it as it is now (factline rebuild)"],
            reasons);
        Assert.Empty(await ApiAssert.ProbeAsync(server.Client, "/health/live", HttpStatusCode.OK, "Healthy"));
    }

    [Fact]
    public async Task A_missing_topic_and_log_ends_Kafka_has_not_confirmed_are_each_a_reason_to_be_degraded()
    {
        await using var store = new MemoryProjectionStore();
        var progress = new FixedReadProgress(
            [Partition(0) with { WatermarksExpired = true }, Partition(1) with { WatermarksExpired = true }],
            missingTopics: ["tmf.alarms"]);
        await using var server = await ApiServer.StartAsync(store, progress: progress);

        var reasons = await ApiAssert.ProbeAsync(server.Client, "/health/ready", HttpStatusCode.OK, "Degraded");

        Assert.Equal(
            ["projection: tmf.alarms not in the Kafka cluster: nothing of it is projected; " +
             "partitions tmf.facts/0, tmf.facts/1: log ends not confirmed by Kafka lately, lag unknown"],
            reasons);
    }

    [Fact]
    public async Task A_projection_that_knows_no_partition_because_Kafka_never_answered_is_degraded()
    {
        await using var store = new MemoryProjectionStore();
        await using var server = await ApiServer.StartAsync(store, progress: new FixedReadProgress([]));

        var reasons = await ApiAssert.ProbeAsync(server.Client, "/health/ready", HttpStatusCode.OK, "Degraded");

        Assert.Equal(["projection: no partition of the projected topics known: Kafka has not answered since the start"], reasons);
    }

    [Fact]
    public async Task A_projection_behind_its_log_is_healthy_lag_is_what_catching_up_looks_like()
    {
        await using var store = new MemoryProjectionStore();
        var progress = new FixedReadProgress([Partition(0) with { NextOffset = 3 }]);
        await using var server = await ApiServer.StartAsync(store, progress: progress);

        Assert.Empty(await ApiAssert.ProbeAsync(server.Client, "/health/ready", HttpStatusCode.OK, "Healthy"));
    }

    private static PartitionProgress Partition(int partition) => new(new PartitionId("tmf.facts", partition), 100, 0, 100, null, 0);
}
