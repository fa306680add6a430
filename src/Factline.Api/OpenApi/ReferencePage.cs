using Scalar.AspNetCore;

namespace Factline.Api.OpenApi;

/// <summary>The API reference page (Scalar) over the OpenAPI document, at <see cref="Path"/>; <c>/</c> leads there.</summary>
public static class ReferencePage
{
    public const string Path = "/docs";

    public const string Title = "Factline TMF688 Event Management";

    // Scalar serves "{Path}/{documentName?}" for any document name.
    private const string DocumentNameRouteValue = "documentName";

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
            .Add(endpoint => endpoint.RequestDelegate = OnlyTheServedDocument(endpoint.RequestDelegate!));
        app.MapGet("/", () => Results.Redirect(Path + "/")).ExcludeFromDescription();
    }

    /// <summary>A page for a document this service does not have would only show an error inside: a 404 instead.</summary>
    private static RequestDelegate OnlyTheServedDocument(RequestDelegate page) => http =>
    {
        if (http.GetRouteValue(DocumentNameRouteValue) is string name && name != TmfOpenApi.DocumentName)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }
        return page(http);
    };
}
