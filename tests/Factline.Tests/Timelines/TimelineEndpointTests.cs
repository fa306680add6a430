using System.Net;
using System.Text.Json.Nodes;
using Factline.Envelope;
using Factline.Projection.Evidence;
using Factline.Storage;
using Factline.Storage.Memory;
using Factline.Tests.Api;
using Factline.Tests.Infrastructure;
using Factline.Tests.Storage.Contract;

namespace Factline.Tests.Timelines;

/// <summary><c>GET {base}/timeline/{correlationId}</c> over a memory store seeded with <see cref="TimelineCorpus"/>.</summary>
public sealed class TimelineEndpointTests : IAsyncLifetime
{
    private readonly MemoryProjectionStore _store = new();

    public static TheoryData<string> BasePaths => new() { "/tmf-api/event/v4", "/tmf-api/eventManagement/v4" };

    public Task InitializeAsync() => TimelineCorpus.LoadIntoAsync(_store);

    public Task DisposeAsync() => _store.DisposeAsync().AsTask();

    [Theory]
    [MemberData(nameof(BasePaths))]
    public async Task A_timeline_is_the_whole_resource_with_its_evidence_under_each_base_path(string basePath)
    {
        await using var api = await StartAsync();

        var body = await ApiAssert.OkJsonAsync(await api.Client.GetAsync($"{basePath}/timeline/{TimelineCorpus.QuarantinedInTheMiddle}"));

        var partition = TimelineCorpus.PartitionOf(TimelineCorpus.QuarantinedInTheMiddle);
        var expected = JsonNode.Parse($$"""
            {
              "id": "PO-2026-000127",
              "href": "{{basePath}}/timeline/PO-2026-000127",
              "correlationId": "PO-2026-000127",
              "eventType": "ProductOrderCreateEvent",
              "state": "UNKNOWN",
              "reason": "1 record with this key was quarantined (tmf.facts/{{partition}}@1402: INVALID_JSON), so the outcome cannot be derived with certainty: the readable facts alone would make it COMPLETED",
              "pipeline": {
                "eventType": "ProductOrderCreateEvent",
                "configured": false,
                "terminalSuccessStages": ["completion", "completed", "order.completed", "serviceorder.completed", "resourceorder.completed", "alarm.acknowledged"],
                "terminalFailureStages": ["deadletter", "dead-letter"],
                "stallThresholdMs": 300000
              },
              "observedStages": ["ingress.http", "validation", "order.completed"],
              "stages": [
                { "stage": "ingress.http", "attempts": 1, "finalAttempt": 1, "finalOutcome": "SUCCESS", "firstTime": "2026-11-26T10:15:30.000Z", "lastTime": "2026-11-26T10:15:30.000Z", "durationMs": 0, "failedAttempts": [] },
                { "stage": "validation", "attempts": 1, "finalAttempt": 1, "finalOutcome": "SUCCESS", "firstTime": "2026-11-26T10:15:30.015Z", "lastTime": "2026-11-26T10:15:30.015Z", "durationMs": 0, "failedAttempts": [] },
                { "stage": "order.completed", "attempts": 1, "finalAttempt": 1, "finalOutcome": "SUCCESS", "firstTime": "2026-11-26T10:15:30.060Z", "lastTime": "2026-11-26T10:15:30.060Z", "durationMs": 0, "failedAttempts": [] }
              ],
              "facts": [
                { "@type": "Fact", "eventId": "PO-2026-000127-01", "href": "{{basePath}}/event/PO-2026-000127-01", "eventTime": "2026-11-26T10:15:30.000Z", "recordType": "INGRESS", "stage": "ingress.http", "outcome": "SUCCESS", "attempt": 1,
                  "log": { "topic": "tmf.facts", "partition": {{partition}}, "offset": 1400, "brokerTimestamp": "2026-11-26T10:15:30.002Z" } },
                { "@type": "Fact", "eventId": "PO-2026-000127-02", "href": "{{basePath}}/event/PO-2026-000127-02", "eventTime": "2026-11-26T10:15:30.015Z", "recordType": "EXECUTION", "stage": "validation", "outcome": "SUCCESS", "attempt": 1,
                  "log": { "topic": "tmf.facts", "partition": {{partition}}, "offset": 1401, "brokerTimestamp": "2026-11-26T10:15:30.017Z" } },
                { "@type": "UnreadableRecord", "href": "{{basePath}}/quarantine/tmf.facts/{{partition}}/1402", "description": "unreadable fact at tmf.facts/{{partition}}@1402", "quarantineReason": "INVALID_JSON", "detail": "not valid JSON (line 1, byte 87)",
                  "log": { "topic": "tmf.facts", "partition": {{partition}}, "offset": 1402, "brokerTimestamp": "2026-11-26T10:15:30.040Z" } },
                { "@type": "Fact", "eventId": "PO-2026-000127-03", "href": "{{basePath}}/event/PO-2026-000127-03", "eventTime": "2026-11-26T10:15:30.060Z", "recordType": "EXECUTION", "stage": "order.completed", "outcome": "SUCCESS", "attempt": 1,
                  "log": { "topic": "tmf.facts", "partition": {{partition}}, "offset": 1403, "brokerTimestamp": "2026-11-26T10:15:30.062Z" } }
              ],
              "evidence": {
                "partitions": [
                  { "topic": "tmf.facts", "partition": {{partition}}, "nextOffset": 2000, "logStartOffset": 0, "logEndOffset": 2000, "lag": 0, "observedThrough": "2026-11-26T10:35:30.000Z", "lostRecords": 0, "historyGap": false }
                ],
                "lag": 0,
                "caughtUp": true,
                "historyGap": false,
                "observedThrough": "2026-11-26T10:35:30.000Z",
                "logClock": "2026-11-26T10:35:30.000Z",
                "lastFactBrokerTime": "2026-11-26T10:15:30.062Z",
                "idleMs": 1199938,
                "omittedFacts": 0,
                "quarantined": [
                  { "id": "tmf.facts/{{partition}}@1402", "href": "{{basePath}}/quarantine/tmf.facts/{{partition}}/1402",
                    "log": { "topic": "tmf.facts", "partition": {{partition}}, "offset": 1402, "brokerTimestamp": "2026-11-26T10:15:30.040Z" },
                    "key": "PO-2026-000127", "reason": "INVALID_JSON", "detail": "not valid JSON (line 1, byte 87)", "rawLength": 79, "truncated": false,
                    "rawText": "{\"eventId\":\"broken\",\"correlationId\":\"PO-2026-000127\",\"stage\":\"adapter.billing\"," }
                ],
                "quarantinedTotal": 1
              },
              "@type": "Timeline"
            }
            """);
        Assert.True(JsonNode.DeepEquals(expected, body), body.ToJsonString());
    }

    public static TheoryData<string, string> States => new()
    {
        { TimelineCorpus.Completed, "COMPLETED" },
        { TimelineCorpus.DeadLettered, "FAILED" },
        { TimelineCorpus.IngressOnly, "UNOBSERVED" },
        { TimelineCorpus.StuckInProvisioning, "STALLED" },
        { TimelineCorpus.QuarantinedInTheMiddle, "UNKNOWN" },
        { TimelineCorpus.OnlyUnreadable, "UNKNOWN" },
        { TimelineCorpus.LostCall, "UNKNOWN" },
    };

    [Theory]
    [MemberData(nameof(States))]
    public async Task Every_transaction_is_served_with_its_derived_state_and_a_reason(string correlationId, string state)
    {
        await using var api = await StartAsync();

        var body = await GetAsync(api, correlationId);

        Assert.Equal(state, (string?)body["state"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)body["reason"]));
        Assert.Equal([new PartitionId(TimelineCorpus.Topic, TimelineCorpus.PartitionOf(correlationId))], PartitionsOf(body));
    }

    [Fact]
    public async Task Facts_come_in_timeline_order_with_both_clocks_and_stages_sum_up_retries()
    {
        await using var api = await StartAsync();

        var body = await GetAsync(api, TimelineCorpus.Completed);

        var facts = body["facts"]!.AsArray();
        Assert.Equal(
            ["ingress.http", "validation", "validation", "adapter.inventory", "adapter.inventory", "adapter.inventory", "adapter.inventory",
             "order.completed", "adapter.payment", "adapter.payment"],
            facts.Select(f => (string)f!["stage"]!));
        var payment = facts[^1]!;
        Assert.Equal("2026-11-26T10:15:33.690Z", (string?)payment["eventTime"]);
        Assert.Equal("2026-11-26T10:15:33.604Z", (string?)payment["log"]!["brokerTimestamp"]);
        var inventory = body["stages"]!.AsArray().Single(s => (string?)s!["stage"] == "adapter.inventory")!;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""
            {
              "stage": "adapter.inventory", "attempts": 2, "finalAttempt": 2, "finalOutcome": "SUCCESS",
              "firstTime": "2026-11-26T10:15:30.030Z", "lastTime": "2026-11-26T10:15:33.420Z", "durationMs": 3390,
              "failedAttempts": [
                { "attempt": 1, "eventId": "PO-2026-000123-05", "eventTime": "2026-11-26T10:15:33.030Z",
                  "error": { "code": "INV-504", "message": "inventory adapter timed out", "retryable": true } }
              ]
            }
            """), inventory), inventory.ToJsonString());
    }

    [Fact]
    public async Task A_stall_is_judged_by_how_far_the_transactions_partition_has_been_read_while_it_lags()
    {
        // The partition holding the stuck order has been read only one minute past its last fact, and more waits in it:
        // that minute is all the log time that may be counted, however far other partitions have been read.
        var stuck = TimelineCorpus.PartitionOf(TimelineCorpus.StuckInProvisioning);
        var lastFact = TimelineCorpus.Transactions.Single(t => t.CorrelationId == TimelineCorpus.StuckInProvisioning).NewestBrokerTime;
        var progress = TimelineCorpus.CaughtUp().Select(p => p.Partition.Partition == stuck ? TimelineCorpus.Progress(stuck, lastFact.AddMinutes(1), lag: 120) : p);
        await using var api = await StartAsync(new FixedReadProgress([.. progress]));

        var body = await GetAsync(api, TimelineCorpus.StuckInProvisioning);

        Assert.Equal("IN_PROGRESS", (string?)body["state"]);
        var evidence = body["evidence"]!;
        Assert.Equal(120, (long?)evidence["lag"]);
        Assert.False((bool?)evidence["caughtUp"]);
        Assert.Equal("2026-11-26T10:16:30.042Z", (string?)evidence["logClock"]);
        Assert.Equal("2026-11-26T10:35:30.000Z", (string?)evidence["observedThrough"]);
    }

    [Fact]
    public async Task A_partition_whose_newest_broker_time_is_stamped_in_the_future_does_not_count_for_the_log_clock()
    {
        // A producer whose clock runs years ahead wrote one record (CreateTime topics keep the producer's time as broker time).
        var future = DateTimeOffset.Parse("2031-01-01T00:00:00Z");
        var progress = TimelineCorpus.CaughtUp().Select(p => p.Partition.Partition == 0 ? p with { ObservedThrough = future } : p);
        await using var withFuture = await StartAsync(new FixedReadProgress([.. progress], takenAt: TimelineCorpus.LogNow.AddSeconds(1)));
        await using var without = await StartAsync(new FixedReadProgress(TimelineCorpus.CaughtUp(), takenAt: TimelineCorpus.LogNow.AddSeconds(1)));

        var body = await GetAsync(withFuture, TimelineCorpus.StuckInProvisioning);
        var judgedWithout = await GetAsync(without, TimelineCorpus.StuckInProvisioning);

        // The other partitions' newest broker time, as without that record: not this machine's clock, not a minute ahead of it.
        Assert.Equal(Rfc3339.Format(TimelineCorpus.LogNow), (string?)body["evidence"]!["logClock"]);
        Assert.Equal((string?)judgedWithout["state"], (string?)body["state"]);
        Assert.Equal((string?)judgedWithout["reason"], (string?)body["reason"]);
        Assert.Equal("2031-01-01T00:00:00.000Z", (string?)body["evidence"]!["observedThrough"]);
    }

    [Fact]
    public async Task When_every_partition_was_stamped_in_the_future_this_machine_s_clock_stands_in_for_the_log_clock()
    {
        var lastFact = TimelineCorpus.Transactions.Single(t => t.CorrelationId == TimelineCorpus.StuckInProvisioning).NewestBrokerTime;
        var future = DateTimeOffset.Parse("2031-01-01T00:00:00Z");
        var progress = TimelineCorpus.CaughtUp().Select(p => p with { ObservedThrough = future });
        // Taken at a time with more than milliseconds: the log clock is shown to the millisecond, as every time is.
        await using var api = await StartAsync(new FixedReadProgress([.. progress], takenAt: lastFact.AddMinutes(1).AddTicks(1_234)));

        var body = await GetAsync(api, TimelineCorpus.StuckInProvisioning);

        Assert.Equal("IN_PROGRESS", (string?)body["state"]); // one minute idle, not years: under the 5-minute stall threshold
        Assert.Equal(Rfc3339.Format(lastFact.AddMinutes(1)), (string?)body["evidence"]!["logClock"]);
    }

    [Fact]
    public async Task A_timeline_cut_at_its_most_facts_says_how_many_it_left_out_and_is_not_complete()
    {
        const string correlationId = "PO-LONG-1";
        const int shown = 10_000;
        var partition = TimelineCorpus.PartitionOf(correlationId);
        var facts = Enumerable.Range(0, shown + 2).Select(i => TestFacts.Fact($"long-{i:D5}", correlationId).At(partition, 1_000_000 + i)).ToArray();
        await _store.ApplyAsync(TestFacts.Batch(facts));
        await using var api = await StartAsync();

        var response = await api.Client.GetAsync($"/tmf-api/event/v4/timeline/{correlationId}");

        var body = await ApiAssert.OkJsonAsync(response);
        Assert.Equal("false", ApiAssert.Header(response, "X-Factline-Complete"));
        Assert.Equal(2, (long?)body["evidence"]!["omittedFacts"]);
        Assert.Equal(shown, body["facts"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_history_gap_in_the_transactions_partition_is_reported()
    {
        var partition = TimelineCorpus.PartitionOf(TimelineCorpus.Completed);
        var progress = TimelineCorpus.CaughtUp().Select(p => p.Partition.Partition == partition ? p with { LogStartOffset = 1_500, LostRecords = 1_200 } : p);
        await using var api = await StartAsync(new FixedReadProgress([.. progress]));

        var evidence = (await GetAsync(api, TimelineCorpus.Completed))["evidence"]!;

        Assert.True((bool?)evidence["historyGap"]);
        Assert.True((bool?)evidence["partitions"]![0]!["historyGap"]);
        Assert.Equal(1_500, (long?)evidence["partitions"]![0]!["logStartOffset"]);
        Assert.Equal(1_200, (long?)evidence["partitions"]![0]!["lostRecords"]);
    }

    [Fact]
    public async Task After_a_misplaced_fact_the_body_weighs_every_partition_of_the_topic_as_the_headers_do()
    {
        // A fact was read outside its key's partition somewhere in the topic, and another partition lost records: this
        // transaction's facts could be among them, though none of its records was read there.
        var own = TimelineCorpus.PartitionOf(TimelineCorpus.Completed);
        int misplacedIn = (own + 1) % TimelineCorpus.Partitions, gapIn = (own + 2) % TimelineCorpus.Partitions;
        var progress = TimelineCorpus.CaughtUp().Select(p =>
            p.Partition.Partition == misplacedIn ? p with { MisplacedFacts = 1 }
            : p.Partition.Partition == gapIn ? p with { LogStartOffset = 1_500, LostRecords = 1_200 }
            : p);
        await using var api = await StartAsync(new FixedReadProgress([.. progress]));

        var response = await api.Client.GetAsync($"/tmf-api/event/v4/timeline/{TimelineCorpus.Completed}");

        var body = await ApiAssert.OkJsonAsync(response);
        Assert.Equal("false", ApiAssert.Header(response, "X-Factline-Complete"));
        Assert.Equal("1200", ApiAssert.Header(response, "X-Factline-History-Gap"));
        Assert.Equal(TimelineCorpus.Partitions, PartitionsOf(body).Count);
        Assert.True((bool?)body["evidence"]!["historyGap"]);
        Assert.Equal("UNKNOWN", (string?)body["state"]);
        Assert.StartsWith($"1200 records of {TimelineCorpus.Topic}/{gapIn} were never read", (string?)body["reason"]);
        Assert.Contains("where no record of this transaction was read, though its facts could be there", (string?)body["reason"]);
        Assert.EndsWith("the readable facts alone would make it COMPLETED", (string?)body["reason"]);
    }

    [Fact]
    public async Task A_configured_pipeline_shows_expected_observed_and_missing_stages()
    {
        await using var api = await StartAsync(settings: new Dictionary<string, string?>
        {
            ["Factline:Pipelines:EventTypes:ProductOrderCreateEvent:ExpectedStages:0"] = "ingress.http",
            ["Factline:Pipelines:EventTypes:ProductOrderCreateEvent:ExpectedStages:1"] = "validation",
            ["Factline:Pipelines:EventTypes:ProductOrderCreateEvent:ExpectedStages:2"] = "adapter.provisioning",
            ["Factline:Pipelines:EventTypes:ProductOrderCreateEvent:ExpectedStages:3"] = "order.completed",
            ["Factline:Pipelines:EventTypes:ProductOrderCreateEvent:StallThreshold"] = "01:00:00",
        });

        var body = await GetAsync(api, TimelineCorpus.StuckInProvisioning);

        Assert.Equal("IN_PROGRESS", (string?)body["state"]);
        Assert.True((bool?)body["pipeline"]!["configured"]);
        Assert.Equal(3_600_000, (double?)body["pipeline"]!["stallThresholdMs"]);
        Assert.Equal(["ingress.http", "validation", "adapter.provisioning", "order.completed"], Strings(body["expectedStages"]));
        Assert.Equal(["ingress.http", "validation", "adapter.provisioning"], Strings(body["observedStages"]));
        Assert.Equal(["order.completed"], Strings(body["missingStages"]));
        Assert.Empty(Strings(body["unexpectedStages"]));
    }

    [Fact]
    public async Task A_pipeline_configuration_that_cannot_be_judged_by_stops_the_start()
    {
        var settings = new Dictionary<string, string?> { ["Factline:Pipelines:Default:StallThreshold"] = "00:00:00" };

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => StartAsync(settings: settings));

        Assert.Contains("Factline:Pipelines:Default:StallThreshold must be positive", refused.Message);
    }

    [Theory]
    [MemberData(nameof(BasePaths))]
    public async Task A_transaction_without_any_record_is_a_404_naming_the_partition_its_key_maps_to(string basePath)
    {
        await using var api = await StartAsync();

        var error = await ApiAssert.TmfErrorAsync(await api.Client.GetAsync($"{basePath}/timeline/PO-2026-999999"), HttpStatusCode.NotFound);

        var partition = TimelineCorpus.PartitionOf("PO-2026-999999");
        Assert.Equal("NOT_FOUND", (string?)error["code"]);
        Assert.StartsWith($"No fact and no quarantined record of transaction 'PO-2026-999999': tmf.facts/{partition}, where it would be, has been read to the log end Kafka reported",
            (string?)error["message"]);
    }

    [Fact]
    public async Task A_transaction_without_any_record_in_a_lagging_partition_is_not_observed_yet()
    {
        var partition = TimelineCorpus.PartitionOf("PO-2026-999999");
        var progress = TimelineCorpus.CaughtUp().Select(p => p.Partition.Partition == partition ? TimelineCorpus.Progress(partition, TimelineCorpus.LogNow, lag: 37) : p);
        await using var api = await StartAsync(new FixedReadProgress([.. progress]));

        var response = await api.Client.GetAsync("/tmf-api/event/v4/timeline/PO-2026-999999");

        var error = await ApiAssert.TmfErrorAsync(response, HttpStatusCode.NotFound);
        Assert.Equal("NOT_YET_OBSERVED", (string?)error["code"]);
        Assert.Equal("37", ApiAssert.Header(response, "X-Factline-Lag"));
        Assert.NotNull(response.Headers.RetryAfter);
    }

    [Fact]
    public async Task A_transaction_without_any_record_where_kafka_has_not_reported_the_log_end_lately_is_not_observed_yet()
    {
        var partition = TimelineCorpus.PartitionOf("PO-2026-999999");
        var readAt = DateTimeOffset.Parse("2026-11-27T18:00:00Z");
        var progress = TimelineCorpus.CaughtUp().Select(p => p.Partition.Partition == partition ? p with { WatermarksExpired = true, WatermarksReadAt = readAt } : p);
        await using var api = await StartAsync(new FixedReadProgress([.. progress]));

        var response = await api.Client.GetAsync("/tmf-api/event/v4/timeline/PO-2026-999999");

        var error = await ApiAssert.TmfErrorAsync(response, HttpStatusCode.NotFound);
        Assert.Equal("NOT_YET_OBSERVED", (string?)error["code"]);
        Assert.Equal($"No fact and no quarantined record of transaction 'PO-2026-999999' so far, but Kafka has not reported the log end of " +
            $"tmf.facts/{partition}, where it would be, since 2026-11-27T18:00:00.000Z: how far behind the projection is there is unknown; ask again later.",
            (string?)error["message"]);
        Assert.Equal("unknown", ApiAssert.Header(response, "X-Factline-Lag"));
        Assert.Equal("false", ApiAssert.Header(response, "X-Factline-Complete"));
    }

    [Fact]
    public async Task A_timeline_carries_the_evidence_headers_of_the_partition_that_holds_it()
    {
        var partition = TimelineCorpus.PartitionOf(TimelineCorpus.Completed);
        var progress = TimelineCorpus.CaughtUp().Select(p => p.Partition.Partition == partition ? TimelineCorpus.Progress(partition, TimelineCorpus.LogNow, lag: 5) : p);
        await using var api = await StartAsync(new FixedReadProgress([.. progress]));

        var response = await api.Client.GetAsync($"/tmf-api/event/v4/timeline/{TimelineCorpus.Completed}");

        await ApiAssert.OkJsonAsync(response);
        Assert.Equal("5", ApiAssert.Header(response, "X-Factline-Lag"));
        Assert.Equal("2026-11-26T10:35:30.000Z", ApiAssert.Header(response, "X-Factline-Observed-Through"));
    }

    [Fact]
    public async Task A_query_parameter_is_refused_by_name()
    {
        await using var api = await StartAsync();

        await ApiAssert.InvalidParameterAsync(await api.Client.GetAsync($"/tmf-api/event/v4/timeline/{TimelineCorpus.Completed}?fields=state"), "fields");
    }

    [Fact]
    public async Task The_href_of_a_correlation_id_that_needs_escaping_leads_back_to_it()
    {
        var log = new TransactionLog("PO 2026+77", partition: 0, firstOffset: 1_900).Ingress(0);
        await _store.ApplyAsync(TimelineCorpus.Batch([log], []));
        await using var api = await StartAsync();

        var body = await GetAsync(api, "PO 2026+77");
        var again = await GetAsync(api, (string)body["href"]!);

        Assert.Equal("/tmf-api/event/v4/timeline/PO%202026%2B77", (string?)body["href"]);
        Assert.Equal("PO 2026+77", (string?)again["id"]);
    }

    private Task<ApiServer> StartAsync(IReadProgressSource? progress = null, IReadOnlyDictionary<string, string?>? settings = null) =>
        ApiServer.StartAsync(_store, settings, progress ?? new FixedReadProgress(TimelineCorpus.CaughtUp()));

    private static async Task<JsonNode> GetAsync(ApiServer api, string correlationIdOrPath) =>
        await ApiAssert.OkJsonAsync(await api.Client.GetAsync(correlationIdOrPath.StartsWith('/')
            ? correlationIdOrPath
            : $"/tmf-api/event/v4/timeline/{Uri.EscapeDataString(correlationIdOrPath)}"));

    private static List<PartitionId> PartitionsOf(JsonNode body) =>
        [.. body["evidence"]!["partitions"]!.AsArray().Select(p => new PartitionId((string)p!["topic"]!, (int)p["partition"]!))];

    private static List<string> Strings(JsonNode? array) => [.. array!.AsArray().Select(s => (string)s!)];
}
