using System.ComponentModel;
using Factline.Api.Evidence;
using Factline.Api.Json;
using Factline.Api.OpenApi;
using Factline.Api.Queries;
using Factline.Storage;
using Microsoft.Extensions.Options;

namespace Factline.Api.Events;

/// <summary>The topic-agnostic TMF688 Event resource: <c>GET /event</c> and <c>GET /event/{id}</c>.</summary>
internal static class EventEndpoints
{
    public const string Tag = "event";

    public static void MapEventEndpoints(this RouteGroupBuilder api, TmfBasePath basePath)
    {
        api.MapGet("/event", ListAsync)
            .WithName(basePath.OperationName("listEvent"))
            .WithTags(Tag)
            .WithSummary("List or find Event objects")
            .WithDescription(EventQueryDocumentation.ListDescription)
            .WithMetadata([.. EventQueryDocumentation.ForList, .. EventQueryDocumentation.ListResponseHeaders, EventQueryDocumentation.WithEvidenceBody])
            .Produces<IReadOnlyList<TmfEvent>>();

        api.MapGet("/event/{id}", RetrieveAsync)
            .WithName(basePath.OperationName("retrieveEvent"))
            .WithTags(Tag)
            .WithSummary("Retrieves an Event by ID")
            .WithDescription("One fact, by its eventId, across all topics. Attribute selection (fields) works on every first-level attribute.")
            .WithMetadata([.. EventQueryDocumentation.ForRetrieve])
            .Produces<TmfEvent>();
    }

    private static async Task<IResult> ListAsync(HttpContext http, IFactReader facts, IOptions<ApiOptions> options, CancellationToken cancellationToken)
    {
        var request = EventListRequest.Parse(http.Request.Query, options.Value);
        var basePath = TmfBasePath.Of(http);
        return await EventListResult.ReadAsync(http, facts, request, stored => HrefOf(http, basePath, stored), cancellationToken);
    }

    private static async Task<IResult> RetrieveAsync(
        [Description("The eventId of the fact.")] string id, HttpContext http, IFactReader facts, NotFoundResponder notFound, CancellationToken cancellationToken)
    {
        var fields = EventRetrieveRequest.Parse(http.Request.Query);
        var stored = await facts.FindAsync(id, cancellationToken);
        if (stored is null)
            return notFound.Respond(http, $"event '{id}'");
        return TmfJson.Result(EventRepresentation.From(stored, HrefOf(http, TmfBasePath.Of(http), stored), fields), ApiJson.Context.TmfEvent);
    }

    private static string HrefOf(HttpContext http, TmfBasePath basePath, StoredFact stored) =>
        basePath.Href(http.Request, $"/event/{Uri.EscapeDataString(stored.Fact.EventId)}");
}
