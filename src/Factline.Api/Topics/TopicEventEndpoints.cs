using System.ComponentModel;
using Factline.Api.Errors;
using Factline.Api.Events;
using Factline.Api.Evidence;
using Factline.Api.Json;
using Factline.Api.OpenApi;
using Factline.Api.Queries;
using Factline.Envelope;
using Factline.Projection;
using Factline.Storage;
using Factline.Storage.Queries;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Factline.Api.Topics;

/// <summary>
/// The events of one topic: <c>GET /topic/{topicId}/event</c> (every rule of <c>GET /event</c>, restricted to
/// <c>log.topic = topicId</c>), <c>GET /topic/{topicId}/event/{id}</c>, and <c>POST /topic/{topicId}/event</c>,
/// which appends a fact to the topic.
/// </summary>
internal static class TopicEventEndpoints
{
    private static readonly string TopicFilter = QueryableAttributes.All.First(attribute => attribute.Field == FactField.Topic).Name;

    public static void MapTopicEventEndpoints(this RouteGroupBuilder api, TmfBasePath basePath)
    {
        api.MapGet("/topic/{topicId}/event", ListAsync)
            .WithName(basePath.OperationName("listTopicEvent"))
            .WithTags(EventEndpoints.Tag)
            .WithSummary("List or find Event objects of a topic")
            .WithDescription("The facts read from one projected topic, under exactly the rules of GET /event (the same filters, sort, " +
                $"fields, paging and cursor), as if {TopicFilter}={{topicId}} were added. An unknown topic is a 404.")
            .WithMetadata([.. EventQueryDocumentation.ForList, .. EventQueryDocumentation.ListResponseHeaders, EventQueryDocumentation.WithEvidenceBody])
            .Produces<IReadOnlyList<TmfEvent>>();

        api.MapGet("/topic/{topicId}/event/{id}", RetrieveAsync)
            .WithName(basePath.OperationName("retrieveTopicEvent"))
            .WithTags(EventEndpoints.Tag)
            .WithSummary("Retrieves an Event of a topic by ID")
            .WithDescription("One fact of one projected topic, by its eventId. A fact read from another topic is a 404 that says which.")
            .WithMetadata([.. EventQueryDocumentation.ForRetrieve])
            .Produces<TmfEvent>();

        api.MapPost("/topic/{topicId}/event", CreateAsync)
            .WithName(basePath.OperationName("createEvent"))
            .WithTags(EventEndpoints.Tag)
            .WithSummary("Appends a fact to a topic")
            .WithDescription("Validates the body as a fact envelope (a 400 names the field at fault) and appends it to the Kafka topic with " +
                "the idempotent producer, keyed by correlationId. Answers 201 with the event, its Location and the log position Kafka " +
                "acknowledged, once Kafka has acknowledged it. One eventId never becomes two facts: an eventId already projected (or posted " +
                "through this instance in the last two minutes) with the same content answers 200 with that event and appends nothing; " +
                "with other content, or in another topic, it is a 409. " +
                "A fact is shown by the GET endpoints once the projector has read it.")
            .Accepts<FactEnvelope>(TopicEndpoints.JsonContentType)
            .Produces<TmfEvent>(StatusCodes.Status201Created)
            .Produces<TmfEvent>()
            .ProducesTmfErrors(StatusCodes.Status403Forbidden, StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge,
                StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status502BadGateway, StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<IResult> ListAsync(
        [Description("The topic's name.")] string topicId,
        HttpContext http, IFactReader facts, ProjectedTopics topics, IOptions<ApiOptions> options, CancellationToken cancellationToken)
    {
        topics.Require(topicId);
        var request = EventListRequest.Parse(RestrictedTo(topicId, http.Request.Query), options.Value);
        return await EventListResult.ReadAsync(http, facts, request, stored => Href(http, topicId, stored.Fact.EventId), cancellationToken);
    }

    private static async Task<IResult> RetrieveAsync(
        [Description("The topic's name.")] string topicId,
        [Description("The eventId of the fact.")] string id,
        HttpContext http, IFactReader facts, ProjectedTopics topics, NotFoundResponder notFound, CancellationToken cancellationToken)
    {
        topics.Require(topicId);
        var fields = EventRetrieveRequest.Parse(http.Request.Query);
        var stored = await facts.FindAsync(id, cancellationToken);
        if (stored is null)
            return notFound.Respond(http, $"event '{id}' in topic '{topicId}'");
        if (stored.Position.Topic != topicId)
            return TopicErrors.EventInOtherTopic(topicId, stored, EventHref(http, id)).ToResult();
        return TmfJson.Result(EventRepresentation.From(stored, Href(http, topicId, id), fields), ApiJson.Context.TmfEvent);
    }

    private static async Task<IResult> CreateAsync(
        [Description("The topic's name.")] string topicId,
        HttpContext http, ProjectedTopics topics, FactAppender appender, ProjectorOptions projector, CancellationToken cancellationToken)
    {
        topics.Require(topicId);
        QueryStringGuard.EnsureNone(http.Request, "appending a fact");
        var body = await JsonRequestBody.ReadAsync(http.Request, projector.MaxRecordBytes, cancellationToken);
        var fact = Decode(body);

        var (stored, appended) = await appender.AppendAsync(topicId, fact, body, kept => EventHref(http, kept.Fact.EventId), cancellationToken);
        var href = Href(http, topicId, fact.EventId);
        var representation = EventRepresentation.From(stored, href, FieldSelection.All);
        if (!appended)
            return TmfJson.Result(representation, ApiJson.Context.TmfEvent);
        http.Response.Headers.Location = href;
        return TmfJson.Result(representation, ApiJson.Context.TmfEvent, StatusCodes.Status201Created);
    }

    /// <summary>The fact in the body, decoded by the projector's own rules (its size, the projector's bound, was checked as it was read).</summary>
    private static Fact Decode(byte[] body)
    {
        var decoded = FactCodec.Decode(body);
        if (!decoded.IsValid)
            throw TopicErrors.InvalidBody(decoded.Problem.Field, decoded.Problem.Message);
        return decoded.Fact;
    }

    /// <summary>The query string with one more <c>log.topic</c> filter, which applies with any other given (AND).</summary>
    private static QueryCollection RestrictedTo(string topicId, IQueryCollection query)
    {
        var parameters = query.ToDictionary(parameter => parameter.Key, parameter => parameter.Value, StringComparer.Ordinal);
        parameters[TopicFilter] = StringValues.Concat(parameters.GetValueOrDefault(TopicFilter), topicId);
        return new QueryCollection(parameters);
    }

    private static string Href(HttpContext http, string topicId, string eventId) =>
        $"{TopicEndpoints.Href(http, topicId)}/event/{Uri.EscapeDataString(eventId)}";

    /// <summary>The topic-agnostic href of a fact, which stays valid whichever topics are projected.</summary>
    private static string EventHref(HttpContext http, string eventId) =>
        TmfBasePath.Of(http).Href(http.Request, $"/event/{Uri.EscapeDataString(eventId)}");
}
