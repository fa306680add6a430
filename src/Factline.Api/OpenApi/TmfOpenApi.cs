using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Factline.Api.Errors;
using Factline.Api.Events;
using Factline.Envelope;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Factline.Api.OpenApi;

/// <summary>How the generated OpenAPI document describes the API.</summary>
internal static class TmfOpenApi
{
    public const string DocumentName = "v1";
    public const string DocumentPath = "/openapi/{documentName}.json";

    public static void Configure(OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "Factline — TMF688 Event Management",
                Version = "4.0.0",
                Description = "Facts read from Kafka, served as TMF688 Events with their Kafka evidence. " +
                    "Served under /tmf-api/event/v4 and, identically, /tmf-api/eventManagement/v4.",
            };
            // Relative to wherever the document was fetched from: the request's Host header and scheme are not the
            // server's address (a proxy terminating TLS in front would turn https into http, and any Host is echoed).
            document.Servers = [new OpenApiServer { Url = "/" }];
            return Task.CompletedTask;
        });
        options.AddOperationTransformer<QueryDocumentationTransformer>();
        var representation = new RepresentationSchemaTransformer();
        options.AddSchemaTransformer(representation);
        options.AddDocumentTransformer(representation);
        options.AddDocumentTransformer(HeadOperations.AddAsync);
        options.CreateSchemaReferenceId = SchemaName;
    }

    /// <summary>The TMF688 names: Event, Error, and Any for a free JSON value such as a payload (parsed or kept as its text).</summary>
    private static string? SchemaName(JsonTypeInfo typeInfo)
    {
        var type = Nullable.GetUnderlyingType(typeInfo.Type) ?? typeInfo.Type;
        return type == typeof(TmfEvent) ? "Event"
            : type == typeof(TmfError) ? "Error"
            : type == typeof(JsonElement) || type == typeof(RawJson) ? "Any"
            : OpenApiOptions.CreateDefaultSchemaReferenceId(typeInfo);
    }
}
