using Scalar.AspNetCore;

namespace Factline.Api.OpenApi;

/// <summary>The API reference page (Scalar) over the OpenAPI document, at <see cref="Path"/>; <c>/</c> leads there.</summary>
public static class ReferencePage
{
    public const string Path = "/docs";

    public const string Title = "Factline TMF688 Event Management";

    internal static void MapReferencePage(this WebApplication app)
    {
        // Everything the page loads comes from the service, and nothing on it sends anything elsewhere: Scalar's default
        // fonts would come from its CDN (fonts.scalar.com), which a closed network refuses (the browser's own fonts serve
        // as well); its AI chat, MCP link and developer tools (share, deploy, SDKs) work through scalar.com, and its
        // telemetry reports each test request there. Not for a service inside an operator's network.
        app.MapScalarApiReference(Path, options => options
                .WithTitle(Title)
                .WithOpenApiRoutePattern(TmfOpenApi.DocumentPath)
                .DisableDefaultFonts()
                .DisableAgent()
                .DisableMcp()
                .HideDeveloperTools()
                .DisableTelemetry())
            .ForTheServedDocumentOnly();
        app.MapGet("/", () => Results.Redirect(Path + "/")).ExcludeFromDescription();
    }
}
