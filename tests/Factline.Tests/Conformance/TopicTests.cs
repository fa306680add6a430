using System.Net;
using System.Text.Json.Nodes;
using Factline.Tests.Api;

namespace Factline.Tests.Conformance;

/// <summary>The Topic resource: list and retrieve with the TMF630 rules, create through Kafka's admin API, and deletion refused.</summary>
[Collection(ConformanceCollection.Name)]
public sealed class TopicTests(ConformanceTarget target)
{
    public static readonly string[] Attributes = ["id", "href", "name", "partitionCount", "projected", "@type"];

    public static TheoryData<string> BasePaths => [.. KitPaths.BasePaths];

    public static TheoryData<string, string> SelectableAttributes
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var basePath in KitPaths.BasePaths)
            {
                foreach (var attribute in Attributes.Except(["id", "href"]))
                    data.Add(basePath, attribute);
            }
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(BasePaths))]
    public async Task The_projected_topic_is_listed_and_retrieved_with_every_attribute(string basePath)
    {
        var response = await target.Http.GetAsync($"{basePath}/topic?name={target.Topic}");
        var listed = Assert.Single((await ApiAssert.OkJsonAsync(response)).AsArray())!.AsObject();
        var retrieved = (await ApiAssert.OkJsonAsync(await target.Http.GetAsync(KitPaths.Topic(basePath, target.Topic)))).AsObject();

        Assert.Equal("1", ApiAssert.Header(response, "X-Total-Count"));
        Assert.Equal("1", ApiAssert.Header(response, "X-Result-Count"));
        Assert.Equal(listed.ToJsonString(), retrieved.ToJsonString());
        Assert.Equal(Attributes, retrieved.Select(p => p.Key));
        Assert.Equal(target.Topic, (string?)retrieved["id"]);
        Assert.Equal(KitPaths.Topic(basePath, target.Topic), (string?)retrieved["href"]);
        Assert.True((int)retrieved["partitionCount"]! >= 1);
        Assert.True((bool)retrieved["projected"]!);
        Assert.Equal("Topic", (string?)retrieved["@type"]);
    }

    [Theory]
    [MemberData(nameof(SelectableAttributes))]
    public async Task Fields_selects_one_attribute_of_a_topic(string basePath, string attribute)
    {
        var full = await ApiAssert.OkJsonAsync(await target.Http.GetAsync(KitPaths.Topic(basePath, target.Topic)));
        var query = $"fields={Uri.EscapeDataString(attribute)}";

        var single = (await ApiAssert.OkJsonAsync(await target.Http.GetAsync($"{KitPaths.Topic(basePath, target.Topic)}?{query}"))).AsObject();
        var listed = Assert.Single(await ApiAssert.ListAsync(target.Http, $"{basePath}/topic?id={target.Topic}&{query}"))!.AsObject();

        foreach (var selected in new[] { single, listed })
        {
            Assert.Equal(["id", "href", attribute], selected.Select(p => p.Key));
            Assert.True(JsonNode.DeepEquals(full[attribute], selected[attribute]));
        }
    }

    [Theory]
    [MemberData(nameof(BasePaths))]
    public async Task Filters_on_id_and_name_select_topics_and_offset_and_limit_page_them(string basePath)
    {
        var all = await target.Http.GetAsync($"{basePath}/topic");
        var total = int.Parse(ApiAssert.Header(all, "X-Total-Count"));
        var none = await target.Http.GetAsync($"{basePath}/topic?id=ctk.no.such.topic");
        var either = await ApiAssert.IdsAsync(target.Http, $"{basePath}/topic?name=ctk.no.such.topic,{target.Topic}");
        var beyond = await target.Http.GetAsync($"{basePath}/topic?offset={total}&limit=1");

        Assert.Contains(target.Topic, (await ApiAssert.OkJsonAsync(all)).AsArray().Select(t => (string)t!["id"]!));
        Assert.Equal("0", ApiAssert.Header(none, "X-Total-Count"));
        Assert.Empty((await ApiAssert.OkJsonAsync(none)).AsArray());
        Assert.Equal([target.Topic], either);
        Assert.Equal(total.ToString(), ApiAssert.Header(beyond, "X-Total-Count"));
        Assert.Equal("0", ApiAssert.Header(beyond, "X-Result-Count"));
    }

    [Fact]
    public async Task Creating_a_topic_creates_it_in_Kafka_or_says_with_a_TMF_error_why_the_broker_could_not()
    {
        var name = $"ctk.created.{Guid.NewGuid():N}";

        var response = await target.Http.PostAsJsonAsync($"{KitPaths.EventBase}/topic", new JsonObject { ["name"] = name, ["partitionCount"] = 2 });

        if (response.StatusCode == HttpStatusCode.Created)
        {
            var created = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.Equal(KitPaths.Topic(KitPaths.EventBase, name), response.Headers.Location?.OriginalString);
            Assert.Equal(name, (string?)created["id"]);
            Assert.False((bool)created["projected"]!); // Projected only once configured.
            return;
        }
        // librdkafka's mock cluster, which the kit runs on by itself, does not implement CreateTopics.
        var error = await ApiAssert.TmfErrorAsync(response, response.StatusCode);
        Assert.Contains((int)response.StatusCode, new[] { 501, 503 });
        Assert.Contains(name, (string)error["message"]!);
    }
}
