using System.Net;
using System.Text.Json;
using Factline.Envelope;
using Factline.Kafka;
using Factline.Kafka.Producing;
using Factline.Projection;
using Factline.Projection.Evidence;
using Factline.Tests.Infrastructure;

namespace Factline.Tests.EndToEnd;

/// <summary>"Not found" only from a projection that has caught up; otherwise "not observed yet", with the lag.</summary>
[Collection(MockKafkaCollection.Name)]
public sealed class HonestAnswerTests(MockKafkaFixture kafka)
{
    private const string Base = "/tmf-api/event/v4";

    [Fact]
    public async Task A_paused_projection_says_not_observed_yet_and_a_caught_up_one_says_not_found()
    {
        var topic = kafka.CreateTopic(partitions: 3);
        await using var factline = new FactlineInstance(kafka.BootstrapServers, topic);
        await factline.StartAsync();
        using var producer = kafka.CreateFactProducer(topic);
        await producer.ProduceAsync(SampleFacts.Execution("PO-HONEST-0"));
        await factline.WaitForAsync(1);

        var projector = factline.Services.GetServices<IHostedService>().OfType<ProjectorHostedService>().Single();
        await projector.StopAsync(CancellationToken.None);
        var late = SampleFacts.Execution("PO-HONEST-1");
        await producer.ProduceAsync(late);
        await RefreshWatermarksAsync(factline);

        foreach (var path in new[] { $"{Base}/event/{late.EventId}", $"{Base}/event/no-such-event" })
        {
            var lagging = await factline.Http.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, lagging.StatusCode);
            Assert.Equal("NOT_YET_OBSERVED", await CodeOf(lagging));
            Assert.NotNull(lagging.Headers.RetryAfter);
            Assert.Equal("1", Header(lagging, "X-Factline-Lag"));
            Assert.Equal("false", Header(lagging, "X-Factline-Complete"));
        }

        await projector.StartAsync(CancellationToken.None);
        await factline.WaitForAsync(2);
        await RefreshWatermarksAsync(factline);

        var found = await factline.Http.GetAsync($"{Base}/event/{late.EventId}");
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        var missing = await factline.Http.GetAsync($"{Base}/event/no-such-event");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("NOT_FOUND", await CodeOf(missing));
        Assert.Null(missing.Headers.RetryAfter);
        Assert.Equal("0", Header(missing, "X-Factline-Lag"));
        Assert.Equal("true", Header(missing, "X-Factline-Complete"));
        Assert.True(DateTimeOffset.TryParse(Header(missing, "X-Factline-Observed-Through"), out _));
    }

    [Fact]
    public async Task Lag_on_a_correlation_query_counts_only_the_partition_its_key_lives_in()
    {
        var topic = kafka.CreateTopic(partitions: 4);
        await using var factline = new FactlineInstance(kafka.BootstrapServers, topic);
        await factline.StartAsync();
        using var producer = kafka.CreateFactProducer(topic);
        var first = await producer.ProduceAsync(SampleFacts.Execution("PO-SCOPE-A"));
        await factline.WaitForAsync(1);

        await LeaveThreeUnreadOutsideAsync(factline, producer, first.Partition);

        var scoped = await factline.Http.GetAsync($"{Base}/event?correlationId=PO-SCOPE-A");
        Assert.Equal("0", Header(scoped, "X-Factline-Lag"));
        Assert.Equal("true", Header(scoped, "X-Factline-Complete"));
        var everything = await factline.Http.GetAsync($"{Base}/event?eventType=ProductOrderCreateEvent");
        Assert.Equal("3", Header(everything, "X-Factline-Lag"));
        Assert.Equal("false", Header(everything, "X-Factline-Complete"));

        // The same completeness in the body, when a wrapper is asked for.
        using var partial = JsonDocument.Parse(await factline.Http.GetStringAsync($"{Base}/event?eventType=ProductOrderCreateEvent&withEvidence=true"));
        Assert.False(partial.RootElement.GetProperty("complete").GetBoolean());
        Assert.Equal(3, partial.RootElement.GetProperty("lag").GetInt64());
        Assert.Equal(1, partial.RootElement.GetProperty("totalCount").GetInt64());
        Assert.Equal("PO-SCOPE-A", Assert.Single(partial.RootElement.GetProperty("items").EnumerateArray()).GetProperty("correlationId").GetString());
        using var complete = JsonDocument.Parse(await factline.Http.GetStringAsync($"{Base}/event?correlationId=PO-SCOPE-A&withEvidence=true"));
        Assert.True(complete.RootElement.GetProperty("complete").GetBoolean());
        Assert.Equal(0, complete.RootElement.GetProperty("lag").GetInt64());
        var refused = await factline.Http.GetAsync($"{Base}/event?withEvidence=yes");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
    }

    [Fact]
    public async Task Status_and_quarantine_resources_show_positions_and_reasons()
    {
        var topic = kafka.CreateTopic(partitions: 1);
        await using var factline = new FactlineInstance(kafka.BootstrapServers, topic);
        await factline.StartAsync();
        var bad = await kafka.ProduceRawAsync(topic, "PO-Q-1", "{\"eventId\": 12");
        using var producer = kafka.CreateFactProducer(topic);
        await producer.ProduceAsync(SampleFacts.Execution("PO-Q-2"));
        await factline.WaitForAsync(1, quarantined: 1);
        var refreshing = DateTimeOffset.UtcNow;
        await RefreshWatermarksAsync(factline);

        using var status = JsonDocument.Parse(await factline.Http.GetStringAsync($"{Base}/status"));
        var partition = Assert.Single(status.RootElement.GetProperty("partitions").EnumerateArray());
        Assert.Equal(2, partition.GetProperty("bookmark").GetInt64());
        Assert.Equal(2, partition.GetProperty("logEndOffset").GetInt64());
        Assert.InRange(DateTimeOffset.Parse(partition.GetProperty("watermarksReadAt").GetString()!), refreshing, DateTimeOffset.UtcNow);
        Assert.Equal(0, partition.GetProperty("lag").GetInt64());
        Assert.Equal(1, partition.GetProperty("quarantined").GetInt64());
        Assert.False(partition.GetProperty("historyGap").GetBoolean());
        Assert.True(status.RootElement.GetProperty("caughtUp").GetBoolean());
        Assert.Equal(1, status.RootElement.GetProperty("facts").GetInt64());
        Assert.Equal(1, status.RootElement.GetProperty("quarantinedByReason").GetProperty("INVALID_JSON").GetInt64());

        var response = await factline.Http.GetAsync($"{Base}/quarantine?reason=INVALID_JSON&key=PO-Q-1");
        Assert.Equal("1", Header(response, "X-Total-Count"));
        using var quarantine = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var record = Assert.Single(quarantine.RootElement.EnumerateArray());
        Assert.Equal(bad.Offset, record.GetProperty("log").GetProperty("offset").GetInt64());
        Assert.Equal("PO-Q-1", record.GetProperty("key").GetString());
        Assert.Equal("{\"eventId\": 12", record.GetProperty("rawText").GetString());

        var refused = await factline.Http.GetAsync($"{Base}/quarantine?reason=BROKEN");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("INVALID_QUERY_PARAMETER", await CodeOf(refused));
    }

    [Fact]
    public async Task A_correlation_query_waits_for_every_partition_once_facts_were_read_outside_their_correlation_s_partition()
    {
        var topic = kafka.CreateTopic(partitions: 4);
        await using var factline = new FactlineInstance(kafka.BootstrapServers, topic);
        await factline.StartAsync();
        using var producer = kafka.CreateFactProducer(topic);
        var first = await producer.ProduceAsync(SampleFacts.Execution("PO-SCOPE-B"));
        // A producer keying by orderId: its fact lands outside its correlationId's partition.
        var home = Murmur2Partitioner.PartitionFor("PO-SCOPE-C", 4);
        var orderId = Enumerable.Range(0, 100).Select(i => $"ORDER-{i}").First(key => Murmur2Partitioner.PartitionFor(key, 4) != home);
        await kafka.ProduceRawAsync(topic, orderId, FactCodec.Encode(SampleFacts.Execution("PO-SCOPE-C")));
        await factline.WaitForAsync(2);

        await LeaveThreeUnreadOutsideAsync(factline, producer, first.Partition);

        var widened = await factline.Http.GetAsync($"{Base}/timeline/PO-SCOPE-B");
        Assert.Equal("3", Header(widened, "X-Factline-Lag"));
        Assert.Equal("false", Header(widened, "X-Factline-Complete"));
        using var status = JsonDocument.Parse(await factline.Http.GetStringAsync($"{Base}/status"));
        var misplaced = status.RootElement.GetProperty("partitions").EnumerateArray()
            .ToDictionary(p => p.GetProperty("partition").GetInt32(), p => p.GetProperty("misplacedFacts").GetInt64());
        Assert.Equal(Enumerable.Range(0, 4).ToDictionary(p => p, p => p == Murmur2Partitioner.PartitionFor(orderId, 4) ? 1L : 0L), misplaced);
    }

    /// <summary>Stops the projector, then produces three facts it will not read, none in <paramref name="partition"/>.</summary>
    private static async Task LeaveThreeUnreadOutsideAsync(FactlineInstance factline, FactProducer producer, int partition)
    {
        var projector = factline.Services.GetServices<IHostedService>().OfType<ProjectorHostedService>().Single();
        await projector.StopAsync(CancellationToken.None);
        var others = Enumerable.Range(0, 200).Select(i => $"PO-SCOPE-OTHER-{i}")
            .Where(key => Murmur2Partitioner.PartitionFor(key, 4) != partition).Take(3);
        foreach (var key in others)
            await producer.ProduceAsync(SampleFacts.Execution(key));
        await RefreshWatermarksAsync(factline);
    }

    private static Task RefreshWatermarksAsync(FactlineInstance factline) =>
        factline.Services.GetRequiredService<LogWatermarkMonitor>().RefreshAsync();

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.Single() : null;

    private static async Task<string?> CodeOf(HttpResponseMessage response)
    {
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("code").GetString();
    }
}
