using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Factline.Api.Topics;

/// <summary>Documents the Location header of every 201 response: where the created resource can be read.</summary>
internal sealed class LocationHeaderTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (operation.Responses?.GetValueOrDefault("201") is OpenApiResponse created)
        {
            created.Headers ??= new Dictionary<string, IOpenApiHeader>();
            created.Headers["Location"] = new OpenApiHeader
            {
                Description = "The href of the created resource.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            };
        }
        return Task.CompletedTask;
    }
}
