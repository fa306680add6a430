using Factline.Api.Evidence;
using Factline.Api.Json;
using Factline.Api.Queries;
using Factline.Envelope;
using Factline.Storage;
using Factline.Storage.Queries;

namespace Factline.Api.Status;

/// <summary><c>GET /status</c>: bookmarks, watermarks, lag, history gaps and quarantine counts per partition.</summary>
internal static class StatusEndpoints
{
    public static void MapStatusEndpoints(this RouteGroupBuilder api, TmfBasePath basePath)
    {
        api.MapGet("/status", GetAsync)
            .WithName(basePath.OperationName("retrieveStatus"))
            .WithTags("status")
            .WithSummary("How far the projection has read the log")
            .WithDescription("Per topic-partition: bookmark, log start and end, lag, newest fact read, history gap (records deleted by retention before they were read) and quarantined records. A history gap is history the projection can never show.")
            .Produces<ProjectionStatus>();
    }

    private static async Task<IResult> GetAsync(HttpContext http, IFactReader store, CancellationToken cancellationToken)
    {
        QueryStringGuard.EnsureNone(http.Request, "the status resource");
        var progress = RequestEvidence.Of(http)!.Progress;
        var counters = await store.ReadCountersAsync(cancellationToken);
        var partitions = new List<PartitionStatus>(progress.Partitions.Count);
        foreach (var p in progress.Partitions)
        {
            var quarantined = await store.QueryQuarantineAsync(
                new QuarantineQuery { Topic = p.Partition.Topic, Partition = p.Partition.Partition, Limit = 1 }, cancellationToken);
            partitions.Add(new PartitionStatus(
                p.Partition.Topic, p.Partition.Partition, p.NextOffset, p.LogStartOffset, Format(p.LogStartTime),
                p.LogEndOffset, p.WatermarksExpired, Format(p.WatermarksReadAt), p.Lag, Format(p.ObservedThrough), p.LostRecords, p.HasHistoryGap,
                p.MisplacedFacts, p.LogReplaced, quarantined.Total));
        }

        var status = new ProjectionStatus(
            progress.CaughtUp, progress.Lag, Format(progress.ObservedThrough), partitions.Any(p => p.HistoryGap), progress.MissingTopics,
            counters.Facts, counters.Duplicates,
            counters.QuarantinedByReason.ToDictionary(r => QuarantineReasonNames.Of(r.Key), r => r.Value),
            partitions);
        return TmfJson.Result(status, ApiJson.Context.ProjectionStatus);
    }

    private static string? Format(DateTimeOffset? time) => time is { } t ? Rfc3339.Format(t) : null;
}
