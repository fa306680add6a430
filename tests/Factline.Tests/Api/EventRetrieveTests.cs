using System.Net;
using System.Text.Json.Nodes;

namespace Factline.Tests.Api;

[Collection(SeededApiCollection.Name)]
public sealed class EventRetrieveTests(SeededApiFixture api)
{
    public static TheoryData<string> BasePaths => new() { "/tmf-api/event/v4", "/tmf-api/eventManagement/v4" };

    [Theory]
    [MemberData(nameof(BasePaths))]
    public async Task A_fact_is_a_TMF688_event_with_its_envelope_and_log_evidence(string basePath)
    {
        var body = await ApiAssert.OkJsonAsync(await api.Client.GetAsync($"{basePath}/event/po123-inventory-1"));

        var expected = JsonNode.Parse($$"""
            {
              "id": "po123-inventory-1",
              "href": "{{basePath}}/event/po123-inventory-1",
              "eventId": "po123-inventory-1",
              "eventTime": "2026-11-26T10:15:31.000Z",
              "eventType": "ProductOrderCreateEvent",
              "correlationId": "PO-2026-000123",
              "recordType": "EXECUTION",
              "stage": "adapter.inventory",
              "outcome": "ERROR",
              "attempt": 1,
              "error": { "code": "INV-503", "message": "inventory adapter timed out", "retryable": true },
              "metadata": { "producer": "inventory-adapter", "version": "1.9.0", "spec": "TMF622 v4" },
              "event": { "timeoutMs": 1000 },
              "log": { "topic": "tmf.facts", "partition": 0, "offset": 2, "brokerTimestamp": "2026-11-26T10:15:31.010Z" },
              "@type": "Fact",
              "@baseType": "Event"
            }
            """);
        Assert.True(JsonNode.DeepEquals(expected, body), body.ToJsonString());
    }

    [Fact]
    public async Task The_producer_time_keeps_its_own_offset_and_the_payload_comes_back_as_written()
    {
        var billing = await ApiAssert.OkJsonAsync(await api.Client.GetAsync("/tmf-api/event/v4/event/po123-billing"));
        var ingress = await ApiAssert.OkJsonAsync(await api.Client.GetAsync("/tmf-api/event/v4/event/po123-ingress"));

        Assert.Equal("2026-11-26T11:15:32.500+01:00", (string?)billing["eventTime"]);
        Assert.Equal("msg-7f3a", (string?)ingress["messageId"]);
        var payload = JsonNode.Parse("""
            {"productOrder":{"id":"PO-2026-000123","externalId":"shop-4410","orderItem":[{"id":"1","action":"add","productOffering":{"id":"FIBRE-500","name":"Fibre 500 – Zürich"}}]}}
            """);
        Assert.True(JsonNode.DeepEquals(payload, ingress["event"]), ingress["event"]?.ToJsonString());
    }

    [Fact]
    public async Task Absent_values_are_omitted_rather_than_null()
    {
        var response = await api.Client.GetAsync("/tmf-api/event/v4/event/so900-activation-3");
        var body = (await ApiAssert.OkJsonAsync(response)).AsObject();
        var text = await response.Content.ReadAsStringAsync();

        Assert.DoesNotContain("null", text, StringComparison.Ordinal);
        Assert.False(body.ContainsKey("messageId"));
        Assert.False(body.ContainsKey("event"));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"code":"ACT-TIMEOUT"}"""), body["error"]));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"topic":"tmf.facts.service","partition":0,"offset":2}"""), body["log"]));
    }

    [Fact]
    public async Task Fields_selects_first_level_attributes_besides_id_and_href()
    {
        var body = (await ApiAssert.OkJsonAsync(await api.Client.GetAsync("/tmf-api/event/v4/event/po123-billing?fields=stage,log"))).AsObject();

        Assert.Equal(["id", "href", "stage", "log"], body.Select(p => p.Key));
        Assert.Equal("adapter.billing", (string?)body["stage"]);
        Assert.Equal(3, (int?)body["log"]!["offset"]);
    }

    [Theory]
    [MemberData(nameof(BasePaths))]
    public async Task An_unknown_id_is_a_404_with_a_TMF_error(string basePath)
    {
        var error = await ApiAssert.TmfErrorAsync(await api.Client.GetAsync($"{basePath}/event/no-such-event"), HttpStatusCode.NotFound);

        Assert.Equal("NOT_FOUND", (string?)error["code"]);
        Assert.Contains("no-such-event", (string?)error["message"]);
    }

    [Fact]
    public async Task Retrieving_takes_no_filter_parameters()
    {
        await ApiAssert.InvalidParameterAsync(await api.Client.GetAsync("/tmf-api/event/v4/event/po123-billing?stage=x"), "stage");
        await ApiAssert.InvalidParameterAsync(await api.Client.GetAsync("/tmf-api/event/v4/event/po123-billing?fields=colour"), "fields");
    }
}
