using System.ComponentModel;
using System.Globalization;
using Factline.Api.Errors;
using Factline.Api.Events;
using Factline.Api.Json;
using Factline.Api.OpenApi;
using Factline.Api.Paging;
using Factline.Api.Queries;
using Factline.Storage.Queries;
using Microsoft.Extensions.Options;

namespace Factline.Api.Topics;

/// <summary>
/// The TMF688 Topic resource: the Kafka topics Factline projects (<c>GET /topic</c>, <c>GET /topic/{id}</c>),
/// creating one (<c>POST /topic</c>) and, only when enabled, deleting one (<c>DELETE /topic/{id}</c>).
/// Also maps the events under a topic (<see cref="TopicEventEndpoints"/>).
/// </summary>
internal static class TopicEndpoints
{
    public const string Tag = "topic";

    public const string JsonContentType = "application/json";

    /// <summary>A Topic_Create body is a name and a few settings; anything near this size is not one.</summary>
    private const int MaxCreateBodyBytes = 64 * 1024;

    private static readonly QueryParameterDoc Fields = new(ListParameters.Fields,
        $"Comma-separated first-level attributes to return besides id and href: {string.Join(", ", TopicAttributes.All)}.", FieldKind.Text);

    private static readonly IReadOnlyList<object> ListDocumentation =
    [
        Fields,
        new QueryParameterDoc(ListParameters.Offset, "Items to skip (0 or more).", FieldKind.Integer),
        PagingDocumentation.Limit,
        new QueryParameterDoc(TopicAttributes.Id, "The topic's id (its name); a comma list matches any of the values.", FieldKind.Text),
        new QueryParameterDoc(TopicAttributes.Name, "The topic's name; a comma list matches any of the values.", FieldKind.Text),
        .. EventQueryDocumentation.ListResponseHeaders.Where(header => header.Name != PageHeaders.NextCursor),
    ];

    public static void MapTopicEndpoints(this RouteGroupBuilder api, TmfBasePath basePath)
    {
        api.MapGet("/topic", ListAsync)
            .WithName(basePath.OperationName("listTopic"))
            .WithTags(Tag)
            .WithSummary("List or find Topic objects")
            .WithDescription("The Kafka topics Factline projects (Factline:Kafka:Topics), in configuration order, with their partition " +
                "counts from the cluster's metadata. Filter with id or name; page with offset/limit. An unknown parameter is a 400 that names it.")
            .WithMetadata([.. ListDocumentation])
            .Produces<IReadOnlyList<TmfTopic>>()
            .ProducesTmfErrors(StatusCodes.Status503ServiceUnavailable);

        api.MapGet("/topic/{id}", RetrieveAsync)
            .WithName(basePath.OperationName("retrieveTopic"))
            .WithTags(Tag)
            .WithSummary("Retrieves a Topic by ID")
            .WithDescription("One projected Kafka topic, by its name. A topic Factline does not project is a 404. " +
                "The topic's facts are counted by GET /topic/{id}/event?limit=1 (X-Total-Count).")
            .WithMetadata(Fields)
            .Produces<TmfTopic>()
            .ProducesTmfErrors(StatusCodes.Status503ServiceUnavailable);

        api.MapPost("/topic", CreateAsync)
            .WithName(basePath.OperationName("createTopic"))
            .WithTags(Tag)
            .WithSummary("Creates a Topic")
            .WithDescription("Creates the Kafka topic through Kafka's admin API (CreateTopics). Factline projects it only once it is " +
                "added to Factline:Kafka:Topics and Factline is restarted; until then the answer says projected: false. " +
                "librdkafka's mock cluster (the dev broker) does not implement CreateTopics: there the answer is a 503 saying so.")
            .Accepts<TopicCreate>(JsonContentType)
            .Produces<TmfTopic>(StatusCodes.Status201Created)
            .ProducesTmfErrors(StatusCodes.Status403Forbidden, StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge,
                StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status501NotImplemented, StatusCodes.Status502BadGateway,
                StatusCodes.Status503ServiceUnavailable);

        api.MapDelete("/topic/{id}", DeleteAsync)
            .WithName(basePath.OperationName("deleteTopic"))
            .WithTags(Tag)
            .WithSummary("Deletes a Topic")
            .WithDescription("Refused with a 405 unless Factline:Api:AllowTopicDeletion is true: facts are immutable and Kafka is the " +
                "system of record. When enabled, deletes the Kafka topic (DeleteTopics); its facts stay in the projection until it is rebuilt, " +
                "and the topic should be removed from Factline:Kafka:Topics.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesTmfErrors(StatusCodes.Status403Forbidden, StatusCodes.Status501NotImplemented, StatusCodes.Status502BadGateway,
                StatusCodes.Status503ServiceUnavailable);

        api.MapTopicEventEndpoints(basePath);
    }

    private static async Task<IResult> ListAsync(
        HttpContext http, ProjectedTopics topics, KafkaTopicAdmin admin, IOptions<ApiOptions> options, CancellationToken cancellationToken)
    {
        var request = TopicListRequest.Parse(http.Request.Query, options.Value);
        var matching = request.Select(topics.Names);
        var page = matching.Skip(request.Offset).Take(request.Limit).ToList();

        var headers = http.Response.Headers;
        headers[PageHeaders.TotalCount] = matching.Count.ToString(CultureInfo.InvariantCulture);
        headers[PageHeaders.ResultCount] = page.Count.ToString(CultureInfo.InvariantCulture);

        var partitions = await PartitionCountsAsync(admin, request.Fields, page.Count > 0, cancellationToken);
        IReadOnlyList<TmfTopic> body = [.. page.Select(name => Represent(http, name, topics, partitions, request.Fields))];
        return TmfJson.Result(body, ApiJson.Context.IReadOnlyListTmfTopic);
    }

    private static async Task<IResult> RetrieveAsync(
        [Description("The topic's name.")] string id, HttpContext http, ProjectedTopics topics, KafkaTopicAdmin admin, CancellationToken cancellationToken)
    {
        topics.Require(id);
        var fields = EventRetrieveRequest.Parse(http.Request.Query, TopicAttributes.Resource, TopicAttributes.All);
        var partitions = await PartitionCountsAsync(admin, fields, needed: true, cancellationToken);
        return TmfJson.Result(Represent(http, id, topics, partitions, fields), ApiJson.Context.TmfTopic);
    }

    private static async Task<IResult> CreateAsync(HttpContext http, ProjectedTopics topics, KafkaTopicAdmin admin, CancellationToken cancellationToken)
    {
        QueryStringGuard.EnsureNone(http.Request, "creating a topic");
        var request = TopicCreateRequest.Parse(await JsonRequestBody.ReadAsync(http.Request, MaxCreateBodyBytes, cancellationToken));
        // Kafka would refuse an existing name too, but not every broker can be asked (see KafkaErrors); its metadata can.
        if ((await admin.PartitionCountsAsync(cancellationToken)).ContainsKey(request.Name))
            throw TopicErrors.TopicExists(request.Name, topics.Contains(request.Name));
        await admin.CreateAsync(request.Name, request.PartitionCount, request.ReplicationFactor);

        var topic = TopicRepresentation.From(request.Name, Href(http, request.Name), topics.Contains(request.Name), request.PartitionCount, FieldSelection.All);
        http.Response.Headers.Location = topic.Href;
        return TmfJson.Result(topic, ApiJson.Context.TmfTopic, StatusCodes.Status201Created);
    }

    private static async Task<IResult> DeleteAsync(
        [Description("The topic's name.")] string id, HttpContext http, ProjectedTopics topics, KafkaTopicAdmin admin, IOptions<TopicOptions> options)
    {
        topics.Require(id);
        QueryStringGuard.EnsureNone(http.Request, "deleting a topic");
        if (!options.Value.AllowTopicDeletion)
        {
            http.Response.Headers.Allow = $"{HttpMethods.Get}, {HttpMethods.Head}";
            return TopicErrors.DeletionDisabled(id).ToResult();
        }
        await admin.DeleteAsync(id);
        return Results.NoContent();
    }

    /// <summary>The cluster is asked only when the answer shows partition counts at all.</summary>
    private static async Task<IReadOnlyDictionary<string, int>?> PartitionCountsAsync(
        KafkaTopicAdmin admin, FieldSelection fields, bool needed, CancellationToken cancellationToken) =>
        needed && fields.Includes(TopicAttributes.PartitionCount) ? await admin.PartitionCountsAsync(cancellationToken) : null;

    private static TmfTopic Represent(
        HttpContext http, string name, ProjectedTopics topics, IReadOnlyDictionary<string, int>? partitions, FieldSelection fields)
    {
        int? partitionCount = partitions is not null && partitions.TryGetValue(name, out var count) ? count : null;
        return TopicRepresentation.From(name, Href(http, name), topics.Contains(name), partitionCount, fields);
    }

    public static string Href(HttpContext http, string name) =>
        TmfBasePath.Of(http).Href(http.Request, $"/topic/{Uri.EscapeDataString(name)}");
}
