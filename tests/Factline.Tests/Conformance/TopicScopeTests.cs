using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Factline.Tests.Api;
using Factline.Tests.Infrastructure;

namespace Factline.Tests.Conformance;

/// <summary>
/// What only a deployment started here can show: events scoped to one of two projected topics, what reaches
/// Kafka when a fact is posted twice, and the answers of librdkafka's mock cluster to topic administration.
/// </summary>
public sealed class TopicScopeTests(TwoTopicDeployment deployment) : IClassFixture<TwoTopicDeployment>
{
    private const string Base = KitPaths.EventBase;

    [Fact]
    public async Task A_fact_is_served_under_its_own_topic_and_is_a_404_naming_it_under_another()
    {
        var envelope = Envelope();
        var eventId = (string)envelope["eventId"]!;
        Assert.Equal(HttpStatusCode.Created, (await Post(TwoTopicDeployment.First, envelope)).StatusCode);
        await Eventually.OkAsync(deployment.Http, KitPaths.Event(Base, EventScope.Topic, TwoTopicDeployment.First, eventId));

        var other = await deployment.Http.GetAsync(KitPaths.Event(Base, EventScope.Topic, TwoTopicDeployment.Second, eventId));
        var listedUnderOther = await ApiAssert.IdsAsync(deployment.Http, $"{KitPaths.Events(Base, EventScope.Topic, TwoTopicDeployment.Second)}?eventId={eventId}");

        var error = await ApiAssert.TmfErrorAsync(other, HttpStatusCode.NotFound);
        Assert.Equal("NOT_FOUND", (string?)error["code"]);
        Assert.Contains($"read from topic '{TwoTopicDeployment.First}'", (string)error["message"]!);
        Assert.Empty(listedUnderOther);
    }

    [Fact]
    public async Task Posting_a_stored_eventId_to_another_topic_is_a_409()
    {
        var envelope = Envelope();
        Assert.Equal(HttpStatusCode.Created, (await Post(TwoTopicDeployment.First, envelope)).StatusCode);
        await Eventually.OkAsync(deployment.Http, KitPaths.Event(Base, EventScope.AllTopics, "", (string)envelope["eventId"]!));

        var error = await ApiAssert.TmfErrorAsync(await Post(TwoTopicDeployment.Second, envelope), HttpStatusCode.Conflict);

        Assert.Equal("EVENT_ID_CONFLICT", (string?)error["code"]);
        Assert.Contains($"read from topic '{TwoTopicDeployment.First}'", (string)error["message"]!);
    }

    [Fact]
    public async Task A_fact_posted_again_once_projected_is_in_Kafka_once()
    {
        var envelope = Envelope();
        var eventId = (string)envelope["eventId"]!;
        Assert.Equal(HttpStatusCode.Created, (await Post(TwoTopicDeployment.Second, envelope)).StatusCode);
        await Eventually.OkAsync(deployment.Http, KitPaths.Event(Base, EventScope.AllTopics, "", eventId));

        var again = await Post(TwoTopicDeployment.Second, envelope);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var records = TopicReader.ReadAll(deployment.BootstrapServers, TwoTopicDeployment.Second);
        Assert.Single(records, r => JsonNode.Parse(r.Message.Value)!["eventId"]!.GetValue<string>() == eventId);
    }

    [Fact]
    public async Task A_posted_fact_reaches_Kafka_byte_for_byte_as_its_sender_wrote_it()
    {
        var eventId = $"scope-{Guid.NewGuid():N}";
        // A field this release does not know, more fractional digits than .NET keeps, an offset, and the sender's layout.
        var body = Encoding.UTF8.GetBytes($$"""
            { "eventId": "{{eventId}}", "correlationId": "PO-AS-WRITTEN", "recordType": "EXECUTION", "stage": "validation",
              "outcome": "SUCCESS", "timestamp": "2026-11-26T11:15:30.1234567891+01:00", "futureField": { "a": 1 } }
            """);
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        var response = await deployment.Http.PostAsync(KitPaths.Events(Base, EventScope.Topic, TwoTopicDeployment.Second), content);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var records = TopicReader.ReadAll(deployment.BootstrapServers, TwoTopicDeployment.Second);
        var record = Assert.Single(records, r => r.Message.Value.AsSpan().IndexOf(Encoding.UTF8.GetBytes(eventId)) >= 0);
        Assert.Equal(body, record.Message.Value);
        Assert.Equal("PO-AS-WRITTEN", record.Message.Key);
    }

    [Theory]
    [InlineData("application/json; charset=\"UTF-8\"")]
    [InlineData("application/json;charset=utf8")]
    [InlineData("Application/JSON")]
    public async Task A_fact_is_accepted_under_every_spelling_of_json_in_utf8(string contentType)
    {
        using var content = new StringContent(Envelope().ToJsonString());
        content.Headers.Remove("Content-Type");
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        var response = await deployment.Http.PostAsync(KitPaths.Events(Base, EventScope.Topic, TwoTopicDeployment.Second), content);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Topics_show_the_partition_count_from_the_cluster()
    {
        var topics = await ApiAssert.ListAsync(deployment.Http, $"{Base}/topic?fields=partitionCount");

        Assert.Equal([TwoTopicDeployment.First, TwoTopicDeployment.Second], topics.Select(t => (string)t!["id"]!));
        Assert.All(topics, t => Assert.Equal(TwoTopicDeployment.Partitions, (int)t!["partitionCount"]!));
    }

    [Fact]
    public async Task Creating_a_topic_on_the_mock_cluster_is_a_503_explaining_that_it_does_not_implement_CreateTopics()
    {
        var response = await deployment.Http.PostAsJsonAsync($"{Base}/topic", new JsonObject { ["name"] = "ctk.new" });

        var error = await ApiAssert.TmfErrorAsync(response, HttpStatusCode.ServiceUnavailable);
        Assert.Equal("KAFKA_CONTROLLER_UNAVAILABLE", (string?)error["code"]);
        Assert.Contains("does not implement CreateTopics", (string)error["message"]!);
    }

    [Fact]
    public async Task Deleting_a_topic_when_enabled_asks_Kafka_and_on_the_mock_cluster_is_a_503()
    {
        var response = await deployment.Http.DeleteAsync(KitPaths.Topic(Base, TwoTopicDeployment.First));

        var error = await ApiAssert.TmfErrorAsync(response, HttpStatusCode.ServiceUnavailable);
        Assert.Equal("KAFKA_CONTROLLER_UNAVAILABLE", (string?)error["code"]);
        Assert.Contains($"delete topic '{TwoTopicDeployment.First}'", (string)error["message"]!);
    }

    private Task<HttpResponseMessage> Post(string topic, JsonObject envelope) =>
        deployment.Http.PostAsJsonAsync(KitPaths.Events(Base, EventScope.Topic, topic), envelope);

    private static JsonObject Envelope() => new()
    {
        ["eventId"] = $"scope-{Guid.NewGuid():N}",
        ["correlationId"] = $"PO-{Guid.NewGuid():N}",
        ["recordType"] = "EXECUTION",
        ["stage"] = "validation",
        ["outcome"] = "SUCCESS",
        ["timestamp"] = "2026-11-26T10:15:30.123+01:00",
        ["payload"] = new JsonObject { ["orderId"] = "PO-1" },
    };
}
