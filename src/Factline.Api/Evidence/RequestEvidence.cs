using System.Globalization;
using Factline.Envelope;
using Factline.Projection.Evidence;

namespace Factline.Api.Evidence;

/// <summary>
/// The read progress taken when a request arrived, narrowed to the partitions that could hold its answer.
/// Taken before the store is queried, so a fact applied meanwhile can only make the answer more cautious.
/// </summary>
internal sealed class RequestEvidence(ReadProgress progress, IReadOnlyList<PartitionProgress> scope)
{
    private bool _cutShort;

    public ReadProgress Progress { get; } = progress;

    /// <summary>The partitions that could hold the answer.</summary>
    public IReadOnlyList<PartitionProgress> Scope { get; } = scope;

    public long? Lag => Progress.LagOf(Scope);

    /// <summary>True when the log end of every partition in scope is known and has been read.</summary>
    public bool CaughtUp => Scope.Count > 0 && Scope.All(p => p.CaughtUp);

    /// <summary>
    /// Caught up, without a history gap in scope, and not cut short: nothing the log ever held there is missing from the answer.
    /// </summary>
    public bool Complete => CaughtUp && LostRecords == 0 && !Scope.Any(p => p.LogReplaced) && !_cutShort;

    /// <summary>The answer leaves out some of what the store holds for it (a timeline beyond the facts it shows): not complete.</summary>
    public void MarkCutShort() => _cutShort = true;

    /// <summary>When the oldest of the scope's log ends was read from Kafka: what "read to its end" is measured against.</summary>
    public DateTimeOffset? WatermarksReadAt => Scope.Min(p => p.WatermarksReadAt);

    public DateTimeOffset? ObservedThrough => Scope.Max(p => p.ObservedThrough);

    public long LostRecords => Scope.Sum(p => p.MissingRecords);

    public void WriteHeaders(HttpResponse response)
    {
        var headers = response.Headers;
        headers[EvidenceHeaders.Lag] = Lag?.ToString(CultureInfo.InvariantCulture) ?? "unknown";
        headers[EvidenceHeaders.Complete] = Complete ? "true" : "false";
        if (ObservedThrough is { } observed)
            headers[EvidenceHeaders.ObservedThrough] = Rfc3339.Format(observed);
        if (LostRecords > 0)
            headers[EvidenceHeaders.HistoryGap] = LostRecords.ToString(CultureInfo.InvariantCulture);
    }

    public static RequestEvidence? Of(HttpContext http) => http.Features.Get<RequestEvidence>();
}
