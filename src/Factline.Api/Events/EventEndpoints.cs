using System.ComponentModel;
using System.Globalization;
using Factline.Api.Evidence;
using Factline.Api.Json;
using Factline.Api.OpenApi;
using Factline.Api.Paging;
using Factline.Api.Queries;
using Factline.Storage;
using Factline.Storage.Queries;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
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
            .WithMetadata([.. EventQueryDocumentation.ForList, .. EventQueryDocumentation.ListResponseHeaders])
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
        var page = await LookAheadPage.ReadAsync(facts, request.Query, cancellationToken);

        var headers = http.Response.Headers;
        if (page.Total is { } total)
            headers[PageHeaders.TotalCount] = total.ToString(CultureInfo.InvariantCulture);
        headers[PageHeaders.ResultCount] = page.Items.Count.ToString(CultureInfo.InvariantCulture);
        if (page.HasMore)
            headers[PageHeaders.NextCursor] = CursorToken.Encode(FactCursor.After(page.Items[^1], request.Query.Sort), request.Fingerprint);

        var basePath = TmfBasePath.Of(http);
        IReadOnlyList<TmfEvent> events = [.. page.Items.Select(stored => Represent(http, basePath, stored, request.Fields))];
        return TmfJson.Result(events, ApiJson.Context.IReadOnlyListTmfEvent);
    }

    private static async Task<IResult> RetrieveAsync(
        [Description("The eventId of the fact.")] string id, HttpContext http, IFactReader facts, NotFoundResponder notFound, CancellationToken cancellationToken)
    {
        var fields = EventRetrieveRequest.Parse(http.Request.Query);
        var stored = await facts.FindAsync(id, cancellationToken);
        if (stored is null)
            return notFound.Respond(http, $"event '{id}'");
        return TmfJson.Result(Represent(http, TmfBasePath.Of(http), stored, fields), ApiJson.Context.TmfEvent);
    }

    private static TmfEvent Represent(HttpContext http, TmfBasePath basePath, StoredFact stored, FieldSelection fields) =>
        EventRepresentation.From(stored, basePath.Href(http.Request, $"/event/{Uri.EscapeDataString(stored.Fact.EventId)}"), fields);
}
