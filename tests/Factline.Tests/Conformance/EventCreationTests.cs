using System.Net;
using System.Text.Json.Nodes;
using Factline.Tests.Api;

namespace Factline.Tests.Conformance;

/// <summary>Create, then read back: POST /topic/{topicId}/event, and what posting the same eventId again does.</summary>
[Collection(ConformanceCollection.Name)]
public sealed class EventCreationTests(ConformanceTarget target)
{
    public static TheoryData<string> BasePaths => [.. KitPaths.BasePaths];

    [Theory]
    [MemberData(nameof(BasePaths))]
    public async Task A_posted_fact_answers_201_with_its_href_as_Location_and_the_log_position_Kafka_acknowledged(string basePath)
    {
        var envelope = NewEnvelope();
        var eventId = (string)envelope["eventId"]!;

        var response = await target.Http.PostAsJsonAsync(KitPaths.Events(basePath, EventScope.Topic, target.Topic), envelope);

        var body = await CreatedAsync(response);
        var href = KitPaths.Event(basePath, EventScope.Topic, target.Topic, eventId);
        Assert.Equal(eventId, (string?)body["id"]);
        Assert.Equal(href, (string?)body["href"]);
        Assert.Equal(href, response.Headers.Location?.OriginalString);
        Assert.Equal(target.Topic, (string?)body["log"]!["topic"]);
        Assert.True((long)body["log"]!["offset"]! >= 0);

        // Read back where the Location says, once the projector has read it: the same fact at the same position.
        var stored = await ApiAssert.OkJsonAsync(await Eventually.OkAsync(target.Http, href));
        Assert.Equal(body.ToJsonString(), stored.ToJsonString());
        Assert.Equal((string?)envelope["correlationId"], (string?)stored["correlationId"]);
        Assert.True(JsonNode.DeepEquals(envelope["payload"], stored["event"]));
    }

    [Theory]
    [MemberData(nameof(BasePaths))]
    public async Task Posting_a_stored_fact_again_answers_200_with_the_stored_event_and_creates_no_second_fact(string basePath)
    {
        var stored = target.Corpus.Events[1];
        var envelope = target.Corpus.Envelopes[1];

        var response = await target.Http.PostAsJsonAsync(KitPaths.Events(basePath, EventScope.Topic, target.Topic), envelope);

        var body = await ApiAssert.OkJsonAsync(response);
        Assert.Equal((string?)stored["id"], (string?)body["id"]);
        Assert.True(JsonNode.DeepEquals(stored["log"], body["log"]));
        var same = await target.Http.GetAsync($"{KitPaths.Events(basePath, EventScope.Topic, target.Topic)}?eventId={stored["id"]}");
        Assert.Equal("1", ApiAssert.Header(same, "X-Total-Count"));
    }

    [Fact]
    public async Task Posting_a_stored_eventId_with_other_content_is_a_409_naming_both_facts()
    {
        var envelope = target.Corpus.Envelopes[2].DeepClone().AsObject();
        envelope["outcome"] = "SUCCESS";
        envelope["stage"] = "adapter.billing";

        var response = await target.Http.PostAsJsonAsync(KitPaths.Events(KitPaths.EventBase, EventScope.Topic, target.Topic), envelope);

        var error = await ApiAssert.TmfErrorAsync(response, HttpStatusCode.Conflict);
        var message = (string)error["message"]!;
        Assert.Equal("EVENT_ID_CONFLICT", (string?)error["code"]);
        Assert.Contains((string)envelope["eventId"]!, message);
        Assert.Contains($"/event/{Uri.EscapeDataString((string)envelope["eventId"]!)}", message);
        Assert.Contains("stage", message);
        Assert.Contains("outcome", message);
    }

    private static async Task<JsonObject> CreatedAsync(HttpResponseMessage response)
    {
        var contentType = ApiAssert.ContentType(response);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"expected 201, got {(int)response.StatusCode}: {body}");
        Assert.Equal(ApiAssert.JsonContentType, contentType);
        return JsonNode.Parse(body)!.AsObject();
    }

    private JsonObject NewEnvelope()
    {
        var envelope = target.Corpus.Envelopes[0].DeepClone().AsObject();
        envelope["eventId"] = $"ctk-created-{Guid.NewGuid():N}";
        envelope["correlationId"] = $"CTK-created-{Guid.NewGuid():N}";
        return envelope;
    }
}
