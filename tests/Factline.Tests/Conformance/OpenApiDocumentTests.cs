using System.Text.Json.Nodes;

namespace Factline.Tests.Conformance;

/// <summary>The OpenAPI document the deployment serves describes every operation the kit walks, with its body and answers.</summary>
[Collection(ConformanceCollection.Name)]
public sealed class OpenApiDocumentTests(ConformanceTarget target)
{
    private const string DocumentPath = "/openapi/v1.json";

    /// <summary>Each operation, relative to a base path, and the statuses it must document besides those of every operation.</summary>
    private static readonly (string Method, string Path, string[] Statuses)[] Operations =
    [
        ("get", "/event", ["200", "400"]),
        ("get", "/event/{id}", ["200", "404"]),
        ("get", "/topic", ["200", "400"]),
        ("post", "/topic", ["201", "400", "409", "413", "415", "501", "503"]),
        ("get", "/topic/{id}", ["200", "404"]),
        ("delete", "/topic/{id}", ["204", "404", "405", "503"]),
        ("get", "/topic/{topicId}/event", ["200", "400", "404"]),
        ("post", "/topic/{topicId}/event", ["200", "201", "400", "404", "409", "413", "415", "503"]),
        ("get", "/topic/{topicId}/event/{id}", ["200", "404"]),
    ];

    public static TheoryData<string, string> BaseOperations
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var basePath in KitPaths.BasePaths)
            {
                foreach (var (method, path, _) in Operations)
                    data.Add(basePath, $"{method} {path}");
            }
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(BaseOperations))]
    public async Task Every_operation_is_documented_with_its_responses_and_TMF_error_bodies(string basePath, string operation)
    {
        var (method, path, statuses) = Operations.Single(o => $"{o.Method} {o.Path}" == operation);

        var documented = (await DocumentAsync())["paths"]![basePath + path]?[method];

        Assert.NotNull(documented);
        var responses = documented["responses"]!.AsObject();
        Assert.All(statuses, status => Assert.True(responses.ContainsKey(status), $"{operation} does not document {status}"));
        Assert.All(responses.Where(r => r.Key.StartsWith('4')), r =>
            Assert.Equal("#/components/schemas/Error", (string?)r.Value!["content"]!["application/json"]!["schema"]!["$ref"]));
    }

    [Theory]
    [InlineData("/topic", "Topic_Create")]
    [InlineData("/topic/{topicId}/event", "FactEnvelope")]
    public async Task Creations_document_their_request_body_and_the_Location_of_what_they_create(string path, string bodySchema)
    {
        var document = await DocumentAsync();

        foreach (var basePath in KitPaths.BasePaths)
        {
            var create = document["paths"]![basePath + path]!["post"]!;
            Assert.Equal($"#/components/schemas/{bodySchema}", (string?)create["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]);
            Assert.NotNull(create["responses"]!["201"]!["headers"]!["Location"]);
        }
        Assert.NotNull(document["components"]!["schemas"]![bodySchema]!["properties"]);
    }

    [Fact]
    public async Task The_schemas_describe_the_topic_and_the_fact_envelope()
    {
        var schemas = (await DocumentAsync())["components"]!["schemas"]!;

        Assert.Equal(TopicTests.Attributes, schemas["Topic"]!["properties"]!.AsObject().Select(p => p.Key));
        Assert.Equal(["eventId", "correlationId", "recordType", "stage", "outcome", "timestamp"],
            schemas["FactEnvelope"]!["required"]!.AsArray().Select(n => (string)n!));
        Assert.Equal("date-time", (string?)schemas["FactEnvelope"]!["properties"]!["timestamp"]!["format"]);
    }

    [Theory]
    [InlineData("/event")]
    [InlineData("/topic/{topicId}/event")]
    public async Task A_list_documents_both_of_its_bodies_the_array_and_the_page_with_evidence(string path)
    {
        var document = await DocumentAsync();
        var schemas = document["components"]!["schemas"]!;

        var body = document["paths"]![KitPaths.EventBase + path]!["get"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!;

        var kinds = body["oneOf"]!.AsArray().Select(schema => Resolve(schemas, schema!)["type"]?.ToString() ?? "").ToArray();
        Assert.Equal(["array", "object"], kinds);
        var page = Resolve(schemas, body["oneOf"]![1]!);
        Assert.Contains("complete", page["properties"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public async Task The_server_is_where_the_document_was_fetched_from_not_what_the_request_claimed()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, DocumentPath);
        request.Headers.Host = "elsewhere.example:1";

        var document = JsonNode.Parse(await (await target.Http.SendAsync(request)).Content.ReadAsStringAsync())!;

        Assert.Equal(["/"], document["servers"]!.AsArray().Select(server => (string?)server!["url"]));
    }

    /// <summary>A schema, or the component its $ref names.</summary>
    private static JsonNode Resolve(JsonNode schemas, JsonNode schema) =>
        schema["$ref"] is { } reference ? schemas[((string)reference!)["#/components/schemas/".Length..]]! : schema;

    private async Task<JsonNode> DocumentAsync() => JsonNode.Parse(await target.Http.GetStringAsync(DocumentPath))!;
}
