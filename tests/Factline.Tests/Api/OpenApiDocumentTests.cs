using System.Net;
using System.Text.Json.Nodes;

namespace Factline.Tests.Api;

/// <summary>The generated OpenAPI document and the reference page.</summary>
[Collection(SeededApiCollection.Name)]
public sealed class OpenApiDocumentTests(SeededApiFixture api)
{
    [Theory]
    [InlineData("/tmf-api/event/v4")]
    [InlineData("/tmf-api/eventManagement/v4")]
    public async Task The_document_describes_both_event_endpoints_under_each_base_path(string basePath)
    {
        var paths = (await DocumentAsync())["paths"]!;

        Assert.NotNull(paths[$"{basePath}/event"]?["get"]);
        Assert.NotNull(paths[$"{basePath}/event/{{id}}"]?["get"]);
        Assert.All(paths.AsObject(), path => Assert.StartsWith("/tmf-api/", path.Key)); // no health probes, no redirect
    }

    [Fact]
    public async Task The_list_operation_documents_every_query_parameter_and_the_count_headers()
    {
        var list = (await DocumentAsync())["paths"]!["/tmf-api/event/v4/event"]!["get"]!;
        var parameters = list["parameters"]!.AsArray().Select(p => (string)p!["name"]!).ToHashSet();

        string[] expected =
        [
            "fields", "sort", "offset", "limit", "cursor", "id", "eventId", "correlationId", "messageId", "recordType",
            "eventType", "stage", "outcome", "attempt", "attempt.gt", "attempt.lte", "eventTime", "eventTime.gte", "eventTime.lt",
            "error.code", "metadata.producer", "metadata.version", "metadata.spec", "log.topic", "log.partition", "log.offset.gte",
            "log.brokerTimestamp.gt",
        ];
        Assert.All(expected, name => Assert.Contains(name, parameters));
        Assert.DoesNotContain("stage.gt", parameters);
        var headers = list["responses"]!["200"]!["headers"]!.AsObject().Select(h => h.Key);
        Assert.Equal(["X-Total-Count", "X-Result-Count", "X-Next-Cursor"], headers);
        Assert.All(["400", "404", "500", "503"], status =>
            Assert.Equal("#/components/schemas/Error", (string?)list["responses"]![status]!["content"]!["application/json"]!["schema"]!["$ref"]));
    }

    [Fact]
    public async Task Every_get_has_a_head_twin_with_its_parameters_statuses_and_headers_and_no_body()
    {
        var paths = (await DocumentAsync())["paths"]!.AsObject();

        var gets = paths.Where(path => path.Value!["get"] is not null).ToList();
        Assert.NotEmpty(gets);
        Assert.All(gets, path =>
        {
            var (get, head) = (path.Value!["get"]!, path.Value!["head"]);
            Assert.True(head is not null, $"{path.Key} documents no HEAD");
            Assert.Equal((string?)get["operationId"] + "Head", (string?)head["operationId"]);
            Assert.True(JsonNode.DeepEquals(get["parameters"], head["parameters"]), $"{path.Key}: HEAD's parameters differ from GET's");
            var (getResponses, headResponses) = (get["responses"]!.AsObject(), head["responses"]!.AsObject());
            Assert.Equal(getResponses.Select(r => r.Key), headResponses.Select(r => r.Key));
            Assert.All(headResponses, response =>
            {
                Assert.Null(response.Value!["content"]);
                Assert.True(JsonNode.DeepEquals(getResponses[response.Key]!["headers"], response.Value["headers"]), $"{path.Key} {response.Key}: headers differ");
            });
        });
    }

    [Fact]
    public async Task The_quarantine_list_documents_its_filters_its_paging_and_the_count_headers()
    {
        var list = (await DocumentAsync())["paths"]!["/tmf-api/event/v4/quarantine"]!["get"]!;
        var parameters = list["parameters"]!.AsArray().ToDictionary(p => (string)p!["name"]!, p => p!);

        Assert.Equal(["reason", "topic", "partition", "key", "offset", "limit"], parameters.Keys);
        Assert.Contains("CONFLICT", (string?)parameters["reason"]["description"]);
        Assert.Equal(["X-Total-Count", "X-Result-Count"], list["responses"]!["200"]!["headers"]!.AsObject().Select(h => h.Key));
    }

    [Fact]
    public async Task The_schemas_describe_the_event_and_the_error()
    {
        var schemas = (await DocumentAsync())["components"]!["schemas"]!;

        var eventProperties = schemas["Event"]!["properties"]!.AsObject().Select(p => p.Key);
        Assert.Equal(
            ["id", "href", "eventId", "eventTime", "eventType", "correlationId", "messageId", "recordType", "stage", "outcome",
             "attempt", "error", "metadata", "event", "log", "@type", "@baseType"],
            eventProperties);
        Assert.Equal(["code", "reason", "message", "status", "@type"], schemas["Error"]!["properties"]!.AsObject().Select(p => p.Key));
        Assert.Equal(["id", "href"], schemas["Event"]!["required"]!.AsArray().Select(n => (string)n!));
        Assert.Equal("date-time", (string?)schemas["Event"]!["properties"]!["eventTime"]!["format"]);
        Assert.Equal("#/components/schemas/LogEvidence", (string?)schemas["Event"]!["properties"]!["log"]!["$ref"]);
        Assert.Equal("integer", (string?)schemas["LogEvidence"]!["properties"]!["offset"]!["type"]);
    }

    [Fact]
    public async Task The_reference_page_answers_and_the_root_leads_to_it()
    {
        var page = await api.Client.GetAsync("/docs");
        using var noRedirects = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = api.Client.BaseAddress };
        var root = await noRedirects.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Redirect, root.StatusCode);
        Assert.Equal("/docs/", root.Headers.Location?.ToString());
        Assert.Contains("openapi/v1.json", await page.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/docs/v2", "/docs/v1", "openapi/v1.json")] // the page loads the served document
    [InlineData("/docs/openapi", "/docs/v1", "openapi/v1.json")]
    [InlineData("/openapi/v2.json", "/openapi/v1.json", "\"openapi\": \"3.")]
    public async Task A_document_the_service_does_not_have_or_its_reference_page_is_a_TMF_404(string missingPath, string servedPath, string servedHas)
    {
        var missing = await api.Client.GetAsync(missingPath);
        var served = await api.Client.GetAsync(servedPath);

        await ApiAssert.TmfErrorAsync(missing, HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Contains(servedHas, await served.Content.ReadAsStringAsync());
    }

    private async Task<JsonNode> DocumentAsync() =>
        JsonNode.Parse(await api.Client.GetStringAsync("/openapi/v1.json"))!;
}
