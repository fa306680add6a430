using System.Net;
using System.Text.Json;
using Factline.Envelope;
using Factline.Simulator;
using Factline.Storage;
using Factline.Storage.Queries;
using Factline.Tests.Infrastructure;

namespace Factline.Tests.EndToEnd;

/// <summary>The whole path: mock Kafka cluster → projector → SQLite → HTTP, as <c>factline serve</c> runs it.</summary>
[Collection(MockKafkaCollection.Name)]
public sealed class EndToEndTests(MockKafkaFixture kafka)
{
    private const string Base = "/tmf-api/event/v4";
    private const string AliasBase = "/tmf-api/eventManagement/v4";

    [Fact]
    public async Task Simulated_traffic_answers_all_four_queries_on_both_base_paths()
    {
        var topic = kafka.CreateTopic(partitions: 3);
        var facts = await ProduceSimulatedAsync(topic, transactions: 60);
        await using var factline = new FactlineInstance(kafka.BootstrapServers, topic);
        await factline.StartAsync();
        await factline.WaitForAsync(facts.Count);

        foreach (var basePath in new[] { Base, AliasBase })
        {
            // By eventId.
            var one = facts[facts.Count / 2];
            using var byId = await GetJsonAsync(factline, $"{basePath}/event/{one.EventId}");
            Assert.Equal(one.EventId, byId.RootElement.GetProperty("id").GetString());
            Assert.Equal(one.CorrelationId, byId.RootElement.GetProperty("correlationId").GetString());
            Assert.Equal($"{basePath}/event/{one.EventId}", byId.RootElement.GetProperty("href").GetString());
            Assert.Equal(topic, byId.RootElement.GetProperty("log").GetProperty("topic").GetString());

            // By correlationId: the whole transaction in timeline order.
            var correlation = facts.GroupBy(f => f.CorrelationId).OrderByDescending(g => g.Count()).First();
            using var timeline = await GetJsonAsync(factline, $"{basePath}/event?correlationId={correlation.Key}");
            var timelineIds = timeline.RootElement.EnumerateArray().Select(e => e.GetProperty("eventId").GetString()).ToArray();
            Assert.Equal(correlation.Count(), timelineIds.Length);
            Assert.Equal(correlation.Select(f => f.EventId).Order(), timelineIds.Order());
            var times = timeline.RootElement.EnumerateArray().Select(e => DateTimeOffset.Parse(e.GetProperty("eventTime").GetString()!)).ToArray();
            Assert.Equal(times.Order(), times);

            // By messageId: the ingress fact.
            var ingress = facts.First(f => f.RecordType == RecordType.Ingress && f.MessageId is not null);
            using var byMessage = await GetJsonAsync(factline, $"{basePath}/event?messageId={ingress.MessageId}");
            var ingressFact = Assert.Single(byMessage.RootElement.EnumerateArray());
            Assert.Equal(ingress.EventId, ingressFact.GetProperty("eventId").GetString());
            Assert.Equal("INGRESS", ingressFact.GetProperty("recordType").GetString());
        }

        // Search: errors of one stage within a time window, paged.
        var errors = facts.Where(f => f.Outcome == Outcome.Error).GroupBy(f => (f.EventType, f.Stage)).OrderByDescending(g => g.Count()).First();
        var from = errors.Min(f => f.Timestamp);
        var expected = errors.Where(f => f.Timestamp >= from).OrderBy(f => f.Timestamp).ToArray();
        var search = $"{Base}/event?eventType={errors.Key.EventType}&stage={errors.Key.Stage}&outcome=ERROR"
            + $"&eventTime.gte={Uri.EscapeDataString(Rfc3339.Format(from))}&eventTime.lt=2100-01-01T00:00:00Z&limit=2";
        var response = await factline.Http.GetAsync(search);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected.Length.ToString(), response.Headers.GetValues("X-Total-Count").Single());
        Assert.Equal(Math.Min(2, expected.Length).ToString(), response.Headers.GetValues("X-Result-Count").Single());
        using var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.All(page.RootElement.EnumerateArray(), e =>
        {
            Assert.Equal("ERROR", e.GetProperty("outcome").GetString());
            Assert.Equal(errors.Key.Stage, e.GetProperty("stage").GetString());
        });
    }

    [Fact]
    public async Task A_fact_produced_with_kcat_can_be_found_through_the_api()
    {
        var topic = kafka.CreateTopic(partitions: 2);
        await using var factline = new FactlineInstance(kafka.BootstrapServers, topic);
        await factline.StartAsync();

        const string fact = """{"eventId":"kcat-1","correlationId":"PO-KCAT-1","messageId":"msg-kcat-1","recordType":"INGRESS","eventType":"ProductOrderCreateEvent","stage":"ingress.http","outcome":"SUCCESS","timestamp":"2026-11-26T10:15:30.123+01:00","payload":{"orderId":"PO-KCAT-1"},"metadata":{"producer":"kcat","version":"1","spec":"TMF622 v4"}}""";
        await Kcat.RunAsync(["-b", kafka.BootstrapServers, "-X", "partitioner=murmur2_random", "-P", "-t", topic, "-k", "PO-KCAT-1"], fact + "\n");
        await factline.WaitForAsync(1);

        using var found = await GetJsonAsync(factline, $"{Base}/event/kcat-1");
        Assert.Equal("PO-KCAT-1", found.RootElement.GetProperty("correlationId").GetString());
        Assert.Equal("2026-11-26T10:15:30.123+01:00", found.RootElement.GetProperty("eventTime").GetString());
        Assert.Equal("PO-KCAT-1", found.RootElement.GetProperty("event").GetProperty("orderId").GetString());
        Assert.Equal("Fact", found.RootElement.GetProperty("@type").GetString());
        Assert.Equal("Event", found.RootElement.GetProperty("@baseType").GetString());
    }

    [Fact]
    public async Task A_restart_mid_stream_leaves_exactly_the_produced_facts()
    {
        var topic = kafka.CreateTopic(partitions: 3);
        var firstHalf = await ProduceSimulatedAsync(topic, transactions: 100, seed: 11);
        await using var factline = new FactlineInstance(kafka.BootstrapServers, topic);
        await factline.StartAsync();
        await factline.WaitForAsync(firstHalf.Count / 2);
        await factline.StopAsync();

        var secondHalf = await ProduceSimulatedAsync(topic, transactions: 100, seed: 12);
        await factline.StartAsync();
        var produced = firstHalf.Concat(secondHalf).ToArray();
        await factline.WaitForAsync(produced.Length);
        await Task.Delay(300); // anything extra (a double) would land within a batch delay

        var stored = await factline.Reader.QueryAsync(new FactQuery { Limit = produced.Length + 100 });
        Assert.Equal(produced.Length, stored.Total);
        Assert.Equal(produced.Select(f => f.EventId).Order(), stored.Items.Select(s => s.Fact.EventId).Order());
        var counters = await factline.Reader.ReadCountersAsync();
        Assert.Equal(0, counters.Duplicates);
        Assert.Equal(0, counters.Quarantined);
    }

    [Fact]
    public async Task A_malformed_record_is_quarantined_and_later_facts_still_arrive()
    {
        var topic = kafka.CreateTopic(partitions: 1);
        await using var factline = new FactlineInstance(kafka.BootstrapServers, topic);
        await factline.StartAsync();

        var notJson = await kafka.ProduceRawAsync(topic, "PO-BAD-1", "this is not json");
        var missingStage = await kafka.ProduceRawAsync(topic, "PO-BAD-2",
            """{"eventId":"bad-2","correlationId":"PO-BAD-2","recordType":"EXECUTION","outcome":"SUCCESS","timestamp":"2026-11-26T10:00:00Z"}""");
        var later = await ProduceSimulatedAsync(topic, transactions: 5);
        await factline.WaitForAsync(later.Count, quarantined: 2);

        var quarantine = await factline.Reader.QueryQuarantineAsync(new QuarantineQuery { Topic = topic });
        Assert.Equal(2, quarantine.Total);
        var first = quarantine.Items[0];
        Assert.Equal(notJson.Offset, first.Position.Offset);
        Assert.Equal(QuarantineReason.InvalidJson, first.Reason);
        Assert.Equal("PO-BAD-1", first.Key);
        Assert.Equal("this is not json", System.Text.Encoding.UTF8.GetString(first.Raw.Span));
        var second = quarantine.Items[1];
        Assert.Equal(missingStage.Offset, second.Position.Offset);
        Assert.Equal(QuarantineReason.MissingField, second.Reason);
        Assert.Equal("stage: is required", second.Detail);

        var bookmarks = await factline.Reader.ReadBookmarksAsync();
        Assert.Equal(2 + later.Count, bookmarks[new PartitionId(topic, 0)].NextOffset);
        var response = await factline.Http.GetAsync($"{Base}/event/{later[^1].EventId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<List<Fact>> ProduceSimulatedAsync(string topic, int transactions, int seed = 7)
    {
        var generator = new FlowGenerator(new SimulatorOptions { Seed = seed });
        var facts = generator.Transactions().Take(transactions).SelectMany(t => t.Facts).Select(f => f.Fact).ToList();
        using var producer = kafka.CreateFactProducer(topic);
        foreach (var fact in facts)
            producer.Produce(fact);
        producer.Flush();
        return facts;
    }

    private static async Task<JsonDocument> GetJsonAsync(FactlineInstance factline, string path)
    {
        var response = await factline.Http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} → {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body);
    }
}
