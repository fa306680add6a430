using System.Text.Json.Nodes;
using Factline.Tests.Api;

namespace Factline.Tests.Conformance;

/// <summary>
/// TMF630 filtering on every collection: by each queryable attribute (first-level and dotted), with comma lists
/// (OR), ranges on times and numbers, and paging with the count headers. Each query is narrowed to the kit's own
/// transaction, so the expected answer is known on any deployment: the kit's events whose served value matches.
/// </summary>
[Collection(ConformanceCollection.Name)]
public sealed class EventFilterTests(ConformanceTarget target)
{
    /// <summary>Every attribute a list can be filtered on, by its name in the query string, which is also its path in the event.</summary>
    public static readonly string[] Queryable =
    [
        "id", "eventId", "correlationId", "messageId", "recordType", "eventType", "stage", "outcome", "attempt", "eventTime",
        "error.code", "metadata.producer", "metadata.version", "metadata.spec",
        "log.topic", "log.partition", "log.offset", "log.brokerTimestamp",
    ];

    public static TheoryData<string, EventScope, string> Attributes => KitPaths.EveryCollectionWith(Queryable);

    public static TheoryData<string, EventScope> Collections => KitPaths.EveryCollection();

    [Theory]
    [MemberData(nameof(Attributes))]
    public async Task Filtering_by_an_attribute_returns_exactly_the_events_with_that_value(string basePath, EventScope scope, string attribute)
    {
        var value = ValueOf(target.Corpus.Events.First(e => ValueOf(e, attribute) is not null), attribute)!;
        var expected = target.Corpus.Events.Where(e => ValueOf(e, attribute) == value).Select(e => (string)e["id"]!);

        var ids = await ApiAssert.IdsAsync(target.Http, Query(basePath, scope, $"{attribute}={Uri.EscapeDataString(value)}"));

        Assert.Equal(expected, ids);
    }

    [Theory]
    [MemberData(nameof(Collections))]
    public async Task A_comma_list_matches_any_of_its_values_and_different_attributes_all_apply(string basePath, EventScope scope)
    {
        var ids = await ApiAssert.IdsAsync(target.Http, Query(basePath, scope, "stage=validation,adapter.inventory&outcome=SUCCESS"));

        Assert.Equal([Id(1), Id(3)], ids);
    }

    [Theory]
    [MemberData(nameof(Collections))]
    public async Task Ranges_compare_numbers_and_times(string basePath, EventScope scope)
    {
        var second = Uri.EscapeDataString((string)target.Corpus.Events[1]["eventTime"]!);
        var fourth = Uri.EscapeDataString((string)target.Corpus.Events[3]["eventTime"]!);

        Assert.Equal([Id(3)], await ApiAssert.IdsAsync(target.Http, Query(basePath, scope, "attempt.gt=1")));
        Assert.Equal([Id(1), Id(2)], await ApiAssert.IdsAsync(target.Http, Query(basePath, scope, $"eventTime.gte={second}&eventTime.lt={fourth}")));
        Assert.Equal([Id(0), Id(1)], await ApiAssert.IdsAsync(target.Http, Query(basePath, scope, $"eventTime.lte={second}")));
    }

    [Theory]
    [MemberData(nameof(Collections))]
    public async Task Offset_and_limit_page_through_the_timeline_with_the_count_headers(string basePath, EventScope scope)
    {
        var response = await target.Http.GetAsync(Query(basePath, scope, "offset=1&limit=2"));

        var page = (await ApiAssert.OkJsonAsync(response)).AsArray().Select(e => (string)e!["id"]!);
        Assert.Equal([Id(1), Id(2)], page);
        Assert.Equal(target.Corpus.Events.Count.ToString(), ApiAssert.Header(response, "X-Total-Count"));
        Assert.Equal("2", ApiAssert.Header(response, "X-Result-Count"));
    }

    [Theory]
    [MemberData(nameof(Collections))]
    public async Task Sort_orders_by_an_attribute_in_either_direction(string basePath, EventScope scope)
    {
        var descending = await ApiAssert.IdsAsync(target.Http, Query(basePath, scope, "sort=-eventTime"));

        Assert.Equal(target.Corpus.Events.Select(e => (string)e["id"]!).Reverse(), descending);
    }

    /// <summary>A list URL narrowed to the kit's transaction, with more conditions.</summary>
    private string Query(string basePath, EventScope scope, string conditions) =>
        $"{KitPaths.Events(basePath, scope, target.Topic)}?correlationId={target.Corpus.CorrelationId}&{conditions}";

    private string Id(int index) => (string)target.Corpus.Events[index]["id"]!;

    /// <summary>The value at a dotted path of an event, as a filter would spell it; null when the event has none.</summary>
    private static string? ValueOf(JsonObject e, string path)
    {
        JsonNode? node = e;
        foreach (var step in path.Split('.'))
            node = node?[step];
        return node?.ToString();
    }
}
