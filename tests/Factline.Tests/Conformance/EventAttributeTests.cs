using System.Text.Json.Nodes;
using Factline.Tests.Api;

namespace Factline.Tests.Conformance;

/// <summary>
/// The Event representation: the mandatory attributes are on every event, and <c>fields=</c> returns exactly
/// <c>id</c>, <c>href</c> and the attribute asked for, with the value the full representation has, on every
/// collection and every single-event URL.
/// </summary>
[Collection(ConformanceCollection.Name)]
public sealed class EventAttributeTests(ConformanceTarget target)
{
    /// <summary>What every event carries: the TMF688 identity, the envelope's required fields, and the Kafka evidence.</summary>
    public static readonly string[] Mandatory =
        ["id", "href", "eventId", "eventTime", "correlationId", "recordType", "stage", "outcome", "attempt", "log", "@type", "@baseType"];

    /// <summary>Every first-level attribute of the Event representation.</summary>
    public static readonly string[] All =
        [.. Mandatory, "eventType", "messageId", "error", "metadata", "event"];

    public static TheoryData<string, EventScope> Collections => KitPaths.EveryCollection();

    public static TheoryData<string, EventScope, string> SelectableAttributes => KitPaths.EveryCollectionWith(All.Except(["id", "href"]));

    [Theory]
    [MemberData(nameof(Collections))]
    public async Task Every_event_carries_the_mandatory_attributes(string basePath, EventScope scope)
    {
        var events = await ApiAssert.ListAsync(target.Http, $"{KitPaths.Events(basePath, scope, target.Topic)}?correlationId={target.Corpus.CorrelationId}");

        Assert.Equal(target.Corpus.Events.Count, events.Count);
        Assert.All(events, e => Assert.All(Mandatory, attribute => Assert.NotNull(e![attribute])));
        Assert.All(events, e => Assert.Equal(KitPaths.Event(basePath, scope, target.Topic, (string)e!["id"]!), (string?)e["href"]));
    }

    [Theory]
    [MemberData(nameof(SelectableAttributes))]
    public async Task Fields_selects_one_attribute_of_a_single_event(string basePath, EventScope scope, string attribute)
    {
        var full = WithAttribute(attribute);
        var id = (string)full["id"]!;

        var selected = (await ApiAssert.OkJsonAsync(
            await target.Http.GetAsync($"{KitPaths.Event(basePath, scope, target.Topic, id)}?fields={Uri.EscapeDataString(attribute)}"))).AsObject();

        AssertSelected(selected, full, attribute);
        Assert.Equal(KitPaths.Event(basePath, scope, target.Topic, id), (string?)selected["href"]);
    }

    [Theory]
    [MemberData(nameof(SelectableAttributes))]
    public async Task Fields_selects_one_attribute_of_every_listed_event(string basePath, EventScope scope, string attribute)
    {
        var url = $"{KitPaths.Events(basePath, scope, target.Topic)}?correlationId={target.Corpus.CorrelationId}&fields={Uri.EscapeDataString(attribute)}";

        var listed = await ApiAssert.ListAsync(target.Http, url);

        Assert.Equal(target.Corpus.Events.Count, listed.Count);
        foreach (var (selected, full) in listed.Zip(target.Corpus.Events))
            AssertSelected(selected!.AsObject(), full, attribute);
    }

    /// <summary>Only id, href and the attribute (when the event has it), with the value of the full representation.</summary>
    private static void AssertSelected(JsonObject selected, JsonObject full, string attribute)
    {
        Assert.Equal((string?)full["id"], (string?)selected["id"]);
        var expected = full.ContainsKey(attribute) ? new[] { "id", "href", attribute } : ["id", "href"];
        Assert.Equal(expected.Order(), selected.Select(p => p.Key).Order());
        Assert.True(JsonNode.DeepEquals(full[attribute], selected[attribute]), $"{attribute}: {selected[attribute]} is not {full[attribute]}");
    }

    /// <summary>The first of the kit's events that has <paramref name="attribute"/> (messageId and error are on one each).</summary>
    private JsonObject WithAttribute(string attribute) => target.Corpus.Events.First(e => e.ContainsKey(attribute));
}
