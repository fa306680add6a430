namespace Factline.Api.OpenApi;

/// <summary>
/// The OpenAPI document's route and the reference page's take any document name ({documentName}); the service has one
/// (<see cref="TmfOpenApi.DocumentName"/>). Any other is a 404, whose TMF error body the status code pages write: the
/// document's own answer is plain text, the page's a page with an error inside.
/// </summary>
internal static class ServedDocumentOnly
{
    private const string DocumentNameRouteValue = "documentName";

    public static TBuilder ForTheServedDocumentOnly<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(endpoint => endpoint.RequestDelegate = OnlyTheServedDocument(endpoint.RequestDelegate!));
        return builder;
    }

    private static RequestDelegate OnlyTheServedDocument(RequestDelegate serve) => http =>
    {
        if (http.GetRouteValue(DocumentNameRouteValue) is string name && name != TmfOpenApi.DocumentName)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }
        return serve(http);
    };
}
