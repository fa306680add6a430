using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Factline.Api.OpenApi;

/// <summary>
/// Makes schemas say what the wire carries. The API omits absent values rather than writing null, so
/// no property is nullable and no nullable property is required; times held as text are date-times.
/// </summary>
internal sealed class RepresentationSchemaTransformer : IOpenApiSchemaTransformer, IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (schema.Required is { } required)
        {
            foreach (var omittable in context.JsonTypeInfo.Properties.Where(p => p.IsGetNullable))
                required.Remove(omittable.Name);
        }
        if (context.JsonPropertyInfo is { } property)
        {
            if (schema.Type is { } type)
                schema.Type = type & ~JsonSchemaType.Null;
            if (property.AttributeProvider?.IsDefined(typeof(Rfc3339TextAttribute), inherit: false) == true)
                schema.Format = "date-time";
        }
        return Task.CompletedTask;
    }

    /// <summary>Properties that refer to another schema arrive as "null or that schema"; keep the schema alone.</summary>
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var schema in document.Components?.Schemas?.Values.OfType<OpenApiSchema>() ?? [])
        {
            foreach (var (name, property) in schema.Properties?.ToList() ?? [])
            {
                if (property.OneOf is [var first, var second] && (first.Type == JsonSchemaType.Null || second.Type == JsonSchemaType.Null))
                    schema.Properties![name] = first.Type == JsonSchemaType.Null ? second : first;
            }
        }
        return Task.CompletedTask;
    }
}
