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

    [Fact]
    public async Task Posts_of_one_new_eventId_a_moment_apart_create_it_once_the_same_again_is_200_and_other_content_a_409()
    {
        var first = NewEnvelope();
        var other = first.DeepClone().AsObject();
        other["stage"] = "adapter.billing";
        var path = KitPaths.Events(KitPaths.EventBase, EventScope.Topic, target.Topic);

        // Sent together, before the projector can have read any of them: one is created, whichever Kafka takes first.
        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => target.Http.PostAsJsonAsync(path, i % 2 == 0 ? first : other)));

        var statuses = responses.Select(r => r.StatusCode).ToList();
        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.Created));
        var created = await CreatedAsync(responses.Single(r => r.StatusCode == HttpStatusCode.Created));
        var createdStage = (string?)created["stage"];
        // The same content as the one created answers 200 with it; the other content, a 409 naming it.
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), response =>
            Assert.Equal(ContentOf(response.RequestMessage!) == createdStage ? HttpStatusCode.OK : HttpStatusCode.Conflict, response.StatusCode));
        Assert.Equal(3, statuses.Count(s => s == HttpStatusCode.Conflict));
        var stored = await ApiAssert.OkJsonAsync(await Eventually.OkAsync(target.Http, (string)created["href"]!));
        Assert.Equal(createdStage, (string?)stored["stage"]);
    }

    /// <summary>The stage of the envelope a request posted.</summary>
    private static string? ContentOf(HttpRequestMessage request) =>
        (string?)JsonNode.Parse(request.Content!.ReadAsStringAsync().GetAwaiter().GetResult())!["stage"];

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
