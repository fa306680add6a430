using System.Text.Json.Nodes;
using Factline.Storage.Queries;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Factline.Api.OpenApi;

/// <summary>
/// Adds the query parameters, response headers and alternative 200 bodies an endpoint documents in its metadata to its
/// OpenAPI operation.
/// </summary>
internal sealed class QueryDocumentationTransformer : IOpenApiOperationTransformer
{
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        foreach (var parameter in metadata.OfType<QueryParameterDoc>())
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = parameter.Name,
                In = ParameterLocation.Query,
                Description = parameter.Description,
                Schema = SchemaOf(parameter.Kind, parameter.AllowedValues),
            });
        }

        if (operation.Responses?.GetValueOrDefault("200") is OpenApiResponse success)
        {
            foreach (var header in metadata.OfType<ResponseHeaderDoc>())
            {
                success.Headers ??= new Dictionary<string, IOpenApiHeader>();
                success.Headers[header.Name] = new OpenApiHeader { Description = header.Description, Schema = SchemaOf(header.Kind, null) };
            }
            foreach (var alternative in metadata.OfType<AlternativeSuccessDoc>())
            {
                if (success.Content?.Values.FirstOrDefault() is not { Schema: { } usual } body)
                    continue;
                var other = await context.GetOrCreateSchemaAsync(alternative.Body, null, cancellationToken);
                body.Schema = new OpenApiSchema { OneOf = [usual, other], Description = alternative.Description };
            }
        }
    }

    private static OpenApiSchema SchemaOf(FieldKind kind, IReadOnlyList<string>? allowedValues) => kind switch
    {
        FieldKind.Integer => new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64" },
        FieldKind.Time => new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time" },
        _ => new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            Enum = allowedValues?.Select(value => (JsonNode)JsonValue.Create(value)).ToList(),
        },
    };
}
