using System.Net;
using System.Text.Json.Nodes;
using Factline.Projection.Evidence;
using Factline.Tests.Api;
using Factline.Tests.EndToEnd;
using Factline.Tests.Infrastructure;

namespace Factline.Tests.Evidence;

/// <summary>
/// A projection that never read some records of a partition cannot say that a fact is not there: "a view that starts from
/// yesterday must not answer 'not found' for last week". Here the records are skipped by a start position, which the
/// projection counts exactly like records deleted by retention.
/// </summary>
[Collection(MockKafkaCollection.Name)]
public sealed class HistoryGapAnswerTests(MockKafkaFixture kafka)
{
    private const string Base = "/tmf-api/event/v4";

    [Fact]
    public async Task A_lookup_that_finds_nothing_where_records_went_unread_says_history_gap_not_found_and_the_answer_is_not_complete()
    {
        var topic = kafka.CreateTopic(partitions: 1);
        using var producer = kafka.CreateFactProducer(topic);
        var skipped = SampleFacts.Execution("PO-GAP-SKIPPED");
        var read = SampleFacts.Execution("PO-GAP-READ");
        await producer.ProduceAsync(skipped);
        await producer.ProduceAsync(read);
        await using var factline = new FactlineInstance(kafka.BootstrapServers, topic,
            settings: new Dictionary<string, string> { ["Factline:Projector:StartFrom"] = $"offsets:{topic}/0=1" });
        await factline.StartAsync();
        await factline.WaitForAsync(1);
        await factline.Services.GetRequiredService<LogWatermarkMonitor>().RefreshAsync();

        foreach (var path in new[] { $"{Base}/event/{skipped.EventId}", $"{Base}/event/no-such-event", $"{Base}/timeline/{skipped.CorrelationId}" })
        {
            var response = await factline.Http.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.Equal("HISTORY_GAP", (string?)error["code"]);
            Assert.Contains($"{topic}/0, where it would be, has been read to the log end Kafka reported at ", (string?)error["message"], StringComparison.Ordinal);
            Assert.Contains("1 record(s) there were deleted by retention, skipped by a start position or replaced with the topic", (string?)error["message"], StringComparison.Ordinal);
            Assert.Null(response.Headers.RetryAfter); // asking again will not bring them back
            Assert.Equal("0", ApiAssert.Header(response, "X-Factline-Lag"));
            Assert.Equal("false", ApiAssert.Header(response, "X-Factline-Complete"));
            Assert.Equal("1", ApiAssert.Header(response, "X-Factline-History-Gap"));
        }

        var found = await factline.Http.GetAsync($"{Base}/event/{read.EventId}");
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        Assert.Equal("false", ApiAssert.Header(found, "X-Factline-Complete"));
        var page = JsonNode.Parse(await factline.Http.GetStringAsync($"{Base}/event?correlationId={skipped.CorrelationId}&withEvidence=true"))!;
        Assert.Empty(page["items"]!.AsArray());
        Assert.False((bool)page["complete"]!);
        Assert.Equal(1, (long)page["lostRecords"]!);
    }
}
