using System.ComponentModel;
using Factline.Api.Evidence;
using Factline.Api.Json;
using Factline.Api.Queries;

namespace Factline.Api.Timelines;

/// <summary>The timeline resource: <c>GET /timeline/{correlationId}</c>.</summary>
internal static class TimelineEndpoints
{
    public const string Tag = "timeline";

    private const string Description =
        "Every fact of one transaction, ordered by producer time then log position, with the producer's and the broker's clocks; " +
        "a summary per stage; the derived state (COMPLETED, FAILED, IN_PROGRESS, STALLED, UNOBSERVED or UNKNOWN) with its reason, " +
        "judged against the log's own clock; expected against observed stages when a pipeline is configured; and the evidence: " +
        "the partition that holds the transaction, how far it has been read, any history gap, and quarantined records with its key. " +
        "A transaction without any fact or quarantined record is a 404.";

    public static void MapTimelineEndpoints(this RouteGroupBuilder api, TmfBasePath basePath)
    {
        api.MapGet("/timeline/{correlationId}", RetrieveAsync)
            .WithName(basePath.OperationName("retrieveTimeline"))
            .WithTags(Tag)
            .WithSummary("Retrieves the timeline of a transaction")
            .WithDescription(Description)
            .Produces<TmfTimeline>();
    }

    private static async Task<IResult> RetrieveAsync(
        [Description("The transaction's correlationId.")] string correlationId,
        HttpContext http,
        TimelineReader reader,
        NotFoundResponder notFound,
        CancellationToken cancellationToken)
    {
        QueryStringGuard.EnsureNone(http.Request, "the timeline resource");

        var evidence = RequestEvidence.Of(http)!;
        var lookup = await reader.ReadAsync(correlationId, evidence.Progress, evidence.Scope.Select(p => p.Partition), cancellationToken);
        if (lookup is null)
            return notFound.Respond(http, $"fact and no quarantined record of transaction '{correlationId}'");
        if (lookup.Evidence.OmittedFacts > 0)
            evidence.MarkCutShort();
        var body = TimelineRepresentation.From(lookup.Timeline, lookup.Evidence, http.Request, TmfBasePath.Of(http));
        return TmfJson.Result(body, ApiJson.Context.TmfTimeline);
    }
}
