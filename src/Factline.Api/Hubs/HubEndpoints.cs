using System.ComponentModel;
using Factline.Api.Errors;

namespace Factline.Api.Hubs;

/// <summary>
/// TMF688's Hub resources register a callback to be notified of new events. Factline answers questions about the
/// facts it has read; it does not deliver them. A TMF client that subscribes is told so with a 501 (the resource
/// exists in the specification, this implementation does not offer it) and where notifications come from instead,
/// rather than a 404 that reads like a wrong path.
/// </summary>
internal static class HubEndpoints
{
    public const string Tag = "hub";

    public const string NotImplementedCode = "NOT_IMPLEMENTED";

    // The handlers take the path's parameters only so that the OpenAPI document declares them.
    private static readonly (string Method, string Pattern, string Operation, string Summary, Delegate Handler)[] Operations =
    [
        (HttpMethods.Post, "/hub", "registerListener", "Registers a listener (not offered)", (HttpContext http) => NotOffered(http)),
        (HttpMethods.Delete, "/hub/{id}", "unregisterListener", "Unregisters a listener (not offered)",
            ([Description("The hub's id.")] string id, HttpContext http) => NotOffered(http)),
        (HttpMethods.Get, "/topic/{topicId}/hub", "listHub", "Lists the hubs of a topic (not offered)",
            ([Description("The topic's name.")] string topicId, HttpContext http) => NotOffered(http)),
        (HttpMethods.Post, "/topic/{topicId}/hub", "createHub", "Creates a hub on a topic (not offered)",
            ([Description("The topic's name.")] string topicId, HttpContext http) => NotOffered(http)),
        (HttpMethods.Get, "/topic/{topicId}/hub/{id}", "retrieveHub", "Retrieves a hub of a topic (not offered)",
            ([Description("The topic's name.")] string topicId, [Description("The hub's id.")] string id, HttpContext http) => NotOffered(http)),
        (HttpMethods.Delete, "/topic/{topicId}/hub/{id}", "deleteHub", "Deletes a hub of a topic (not offered)",
            ([Description("The topic's name.")] string topicId, [Description("The hub's id.")] string id, HttpContext http) => NotOffered(http)),
    ];

    public static void MapHubEndpoints(this RouteGroupBuilder api, TmfBasePath basePath)
    {
        foreach (var (method, pattern, operation, summary, handler) in Operations)
        {
            api.MapMethods(pattern, [method], handler)
                .WithName(basePath.OperationName(operation))
                .WithTags(Tag)
                .WithSummary(summary)
                .WithDescription("Always a 501 NOT_IMPLEMENTED: Factline serves the history of the facts it has read and delivers no " +
                    "notifications. To be told of new facts, consume the Kafka topics Factline projects: they are the system of record.")
                .ProducesTmfErrors(StatusCodes.Status501NotImplemented);
        }
    }

    private static IResult NotOffered(HttpContext http) =>
        new TmfError(NotImplementedCode, "Not implemented",
            $"Factline does not deliver notifications, so it registers no listeners ({http.Request.Method} {http.Request.Path}). " +
            "To be told of new facts, consume the Kafka topics Factline projects (GET /topic lists them): they are the system of " +
            "record, and every fact in them can then be looked up here by its eventId.",
            StatusCodes.Status501NotImplemented).ToResult();
}
