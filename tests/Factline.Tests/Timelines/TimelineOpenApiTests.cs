using System.Text.Json.Nodes;
using Factline.Storage.Memory;
using Factline.Tests.Api;
using Factline.Tests.Infrastructure;

namespace Factline.Tests.Timelines;

/// <summary>The timeline operation and its schemas in the generated OpenAPI document.</summary>
public sealed class TimelineOpenApiTests : IAsyncLifetime
{
    private readonly MemoryProjectionStore _store = new();
    private JsonNode _document = null!;

    public async Task InitializeAsync()
    {
        await using var api = await ApiServer.StartAsync(_store, progress: new FixedReadProgress(TimelineCorpus.CaughtUp()));
        _document = JsonNode.Parse(await api.Client.GetStringAsync("/openapi/v1.json"))!;
    }

    public Task DisposeAsync() => _store.DisposeAsync().AsTask();

    [Theory]
    [InlineData("/tmf-api/event/v4", "retrieveTimeline")]
    [InlineData("/tmf-api/eventManagement/v4", "retrieveTimelineViaEventManagement")]
    public void The_operation_is_described_under_each_base_path_with_its_errors(string basePath, string operationId)
    {
        var operation = _document["paths"]![$"{basePath}/timeline/{{correlationId}}"]!["get"]!;

        Assert.Equal(operationId, (string?)operation["operationId"]);
        Assert.Equal("The transaction's correlationId.", (string?)operation["parameters"]![0]!["description"]);
        Assert.Equal("#/components/schemas/Timeline", (string?)operation["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["$ref"]);
        Assert.Equal("#/components/schemas/Error", (string?)operation["responses"]!["404"]!["content"]!["application/json"]!["schema"]!["$ref"]);
    }

    [Fact]
    public void The_schemas_carry_the_TMF_names_every_attribute_and_date_time_formats()
    {
        var schemas = _document["components"]!["schemas"]!;

        Assert.Equal(
            ["id", "href", "correlationId", "eventType", "state", "reason", "pipeline", "expectedStages", "observedStages", "missingStages",
             "unexpectedStages", "stages", "facts", "evidence", "@type"],
            Properties(schemas["Timeline"]));
        Assert.Equal(["@type", "eventId", "href", "eventTime", "recordType", "stage", "outcome", "attempt", "error", "description",
            "quarantineReason", "detail", "log"], Properties(schemas["TimelineEntry"]));
        Assert.Equal(["partitions", "lag", "caughtUp", "historyGap", "observedThrough", "logClock", "lastFactBrokerTime", "idleMs",
            "omittedFacts", "quarantined", "quarantinedTotal"], Properties(schemas["TimelineEvidence"]));
        Assert.All(["StageSummary", "FailedAttempt", "Pipeline", "PartitionEvidence", "QuarantinedRecord"], name => Assert.NotNull(schemas[name]));
        Assert.Equal("date-time", (string?)schemas["StageSummary"]!["properties"]!["firstTime"]!["format"]);
        Assert.Equal("date-time", (string?)schemas["TimelineEvidence"]!["properties"]!["logClock"]!["format"]);
        Assert.Equal(["id", "href", "correlationId", "state", "reason", "pipeline", "observedStages", "stages", "facts", "evidence"],
            schemas["Timeline"]!["required"]!.AsArray().Select(r => (string)r!));
    }

    private static List<string> Properties(JsonNode? schema) => [.. schema!["properties"]!.AsObject().Select(p => p.Key)];
}
