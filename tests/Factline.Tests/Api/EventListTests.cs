using System.Text.Json.Nodes;

namespace Factline.Tests.Api;

/// <summary>The four queries of the end-to-end issue and the TMF630 filter families, on <c>GET /event</c>.</summary>
[Collection(SeededApiCollection.Name)]
public sealed class EventListTests(SeededApiFixture api)
{
    public static TheoryData<string> BasePaths => EventRetrieveTests.BasePaths;

    [Theory]
    [MemberData(nameof(BasePaths))]
    public async Task A_correlation_id_gives_the_timeline_even_when_producer_clocks_disagree_with_the_log(string basePath)
    {
        var events = await ApiAssert.ListAsync(api.Client, $"{basePath}/event?correlationId=PO-2026-000123");

        Assert.Equal(ApiCorpus.Po123Timeline, events.Select(e => (string)e!["id"]!));
        Assert.All(events, e => Assert.Equal($"{basePath}/event/{e!["id"]}", (string?)e["href"]));
    }

    [Theory]
    [MemberData(nameof(BasePaths))]
    public async Task A_message_id_gives_its_ingress_fact(string basePath)
    {
        var events = await ApiAssert.ListAsync(api.Client, $"{basePath}/event?messageId=msg-8a02");

        var ingress = Assert.Single(events);
        Assert.Equal("po125-ingress", (string?)ingress!["id"]);
        Assert.Equal("INGRESS", (string?)ingress["recordType"]);
    }

    [Theory]
    [MemberData(nameof(BasePaths))]
    public async Task A_search_combines_filters_and_time_ranges_and_counts_its_results(string basePath)
    {
        var response = await api.Client.GetAsync(
            $"{basePath}/event?eventType=ProductOrderCreateEvent&stage=adapter.inventory,order.validation&outcome=ERROR" +
            "&eventTime.gte=2026-11-26T10:15:00Z&eventTime.lt=2026-11-26T10:21:00.300Z");
        var events = (await ApiAssert.OkJsonAsync(response)).AsArray();

        Assert.Equal(["po123-inventory-1"], events.Select(e => (string)e!["id"]!));
        Assert.Equal("1", ApiAssert.Header(response, "X-Total-Count"));
        Assert.Equal("1", ApiAssert.Header(response, "X-Result-Count"));
    }

    [Theory]
    [InlineData("id=po124-ingress", "po124-ingress")]
    [InlineData("eventId=po124-ingress", "po124-ingress")]
    [InlineData("recordType=INGRESS&log.topic=tmf.facts.service", "so900-ingress")]
    [InlineData("eventType=ServiceOrderCreateEvent&outcome=IN_PROGRESS", "so900-activation")]
    [InlineData("outcome=ERROR,UNKNOWN", "po123-inventory-1 po125-validate-1 po125-deadletter so900-activation-3")]
    [InlineData("correlationId=PO-2026-000123&stage=adapter.inventory,adapter.billing", "po123-inventory-1 po123-billing po123-inventory-2")]
    [InlineData("correlationId=PO-2026-000124,PO-2026-000125&recordType=EXECUTION", "po125-validate-1 po125-deadletter")]
    [InlineData("attempt=3", "so900-activation-3")]
    [InlineData("attempt.gt=1", "po123-inventory-2 so900-activation-3")]
    [InlineData("attempt.gte=2&attempt.lte=2", "po123-inventory-2")]
    [InlineData("eventTime=2026-11-26T10:15:32.500Z", "po123-billing")]
    [InlineData("eventTime=2026-11-26T11:15:32.5%2B01:00", "po123-billing")]
    [InlineData("eventTime.gt=2026-11-26T10:15:32.900Z&eventTime.lte=2026-11-26T11:20:00%2B01:00", "po123-inventory-2 po123-notify po124-ingress")]
    [InlineData("error.code=INV-503", "po123-inventory-1")]
    [InlineData("error.code=VAL-400,DLQ-001", "po125-validate-1 po125-deadletter")]
    [InlineData("metadata.producer=billing-adapter", "po123-billing")]
    [InlineData("metadata.version=2.0.3", "po123-validate po125-validate-1")]
    [InlineData("metadata.spec=TMF641%20v4", "so900-ingress so900-activation so900-activation-3")]
    [InlineData("log.topic=tmf.facts&log.partition=1", "po124-ingress po125-ingress po125-validate-1 po125-deadletter")]
    [InlineData("log.topic=tmf.facts&log.partition.lt=2&log.offset.gte=5", "po123-complete po123-notify po125-deadletter")]
    [InlineData("log.brokerTimestamp.gte=2026-11-26T10:22:00Z", "so900-ingress so900-activation")]
    public async Task Each_filter_family_selects_exactly_its_facts(string query, string expectedIds)
    {
        var ids = await ApiAssert.IdsAsync(api.Client, $"/tmf-api/event/v4/event?{query}");

        Assert.Equal(expectedIds.Split(' '), ids);
    }

    [Theory]
    [InlineData("sort=eventTime", "po123-ingress po123-validate po123-inventory-1 po123-billing po123-complete po123-inventory-2 po123-notify")]
    [InlineData("sort=-eventTime", "po123-notify po123-inventory-2 po123-complete po123-billing po123-inventory-1 po123-validate po123-ingress")]
    [InlineData("sort=stage", "po123-billing po123-inventory-1 po123-inventory-2 po123-ingress po123-notify po123-complete po123-validate")]
    [InlineData("sort=-log.brokerTimestamp", "po123-notify po123-complete po123-billing po123-inventory-2 po123-inventory-1 po123-validate po123-ingress")]
    [InlineData("sort=-attempt", "po123-inventory-2 po123-notify po123-complete po123-billing po123-inventory-1 po123-validate po123-ingress")]
    public async Task Sort_orders_by_one_attribute_either_way_with_log_position_breaking_ties(string sort, string expectedIds)
    {
        var ids = await ApiAssert.IdsAsync(api.Client, $"/tmf-api/event/v4/event?correlationId=PO-2026-000123&{sort}");

        Assert.Equal(expectedIds.Split(' '), ids);
    }

    [Fact]
    public async Task Fields_returns_only_id_href_and_the_named_attributes_on_every_item()
    {
        var events = await ApiAssert.ListAsync(api.Client, "/tmf-api/event/v4/event?correlationId=PO-2026-000125&fields=outcome,eventTime");

        Assert.Equal(3, events.Count);
        Assert.All(events, e => Assert.Equal(["id", "href", "eventTime", "outcome"], e!.AsObject().Select(p => p.Key)));
    }

    [Theory]
    [InlineData("id", "po123-inventory-1")]
    [InlineData("href", "po123-inventory-1")]
    [InlineData("eventId", "po123-inventory-1")]
    [InlineData("eventTime", "po123-inventory-1")]
    [InlineData("eventType", "po123-inventory-1")]
    [InlineData("correlationId", "po123-inventory-1")]
    [InlineData("messageId", "po123-ingress")]
    [InlineData("recordType", "po123-inventory-1")]
    [InlineData("stage", "po123-inventory-1")]
    [InlineData("outcome", "po123-inventory-1")]
    [InlineData("attempt", "po123-inventory-1")]
    [InlineData("error", "po123-inventory-1")]
    [InlineData("metadata", "po123-inventory-1")]
    [InlineData("event", "po123-inventory-1")]
    [InlineData("log", "po123-inventory-1")]
    [InlineData("@type", "po123-inventory-1")]
    [InlineData("@baseType", "po123-inventory-1")]
    public async Task Every_first_level_attribute_can_be_selected_alone(string attribute, string eventId)
    {
        var full = (await ApiAssert.ListAsync(api.Client, $"/tmf-api/event/v4/event?id={eventId}")).Single()!.AsObject();
        var selected = (await ApiAssert.ListAsync(api.Client, $"/tmf-api/event/v4/event?id={eventId}&fields={Uri.EscapeDataString(attribute)}")).Single()!.AsObject();

        var expected = new[] { "id", "href", attribute }.Distinct();
        Assert.Equal(expected, selected.Select(p => p.Key));
        Assert.True(JsonNode.DeepEquals(full[attribute], selected[attribute]));
    }
}
