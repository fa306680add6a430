using System.Globalization;
using Factline.Api.Errors;
using Factline.Envelope;
using Factline.Projection.Evidence;

namespace Factline.Api.Evidence;

/// <summary>
/// "Not found" is said only when every partition that could hold the answer has been read to its end and none of its
/// records went unread. Otherwise the answer is "not observed yet" (the projection is behind: ask again) or "history gap"
/// (records there were deleted by retention or skipped before they were read, or its log was replaced under the
/// projection, which reads it no more until a rebuild: asking again will not tell).
/// </summary>
/// <remarks>The one place every lookup that found nothing is answered (events, timelines).</remarks>
internal sealed class NotFoundResponder(EvidenceOptions options)
{
    public const string NotFoundCode = "NOT_FOUND";
    public const string NotYetObservedCode = "NOT_YET_OBSERVED";
    public const string HistoryGapCode = "HISTORY_GAP";

    /// <summary>Answers a lookup of <paramref name="what"/> that found nothing, judged by the request's evidence.</summary>
    public IResult Respond(HttpContext http, string what)
    {
        var evidence = RequestEvidence.Of(http)
            ?? throw new InvalidOperationException("the evidence filter must run before a not-found answer is given");
        var partitions = string.Join(", ", evidence.Scope.Select(p => p.Partition.ToString()));

        // Before "not yet": a partition paused for a replaced log is not read again by asking later.
        if (evidence.Scope.Where(p => p.LogReplaced).Select(p => p.Partition.ToString()).ToArray() is { Length: > 0 } replaced)
        {
            return HistoryGap(
                $"No {what} in what was read, but the log of {string.Join(", ", replaced)} was replaced under the projection (the topic " +
                "created again, or truncated) and is not read until a rebuild has read it as it is now (factline rebuild): it may be there.");
        }

        if (!evidence.CaughtUp)
            return NotYetObserved(http, $"No {what} so far, but {Behind(evidence, partitions)}; ask again later.");

        var readTo = $"{partitions}, where it would be, has been read to the log end Kafka reported" +
            (evidence.WatermarksReadAt is { } readAt ? $" at {Rfc3339.Format(readAt)}" : "");
        if (evidence.LostRecords > 0)
        {
            return HistoryGap(
                $"No {what} in what was read: {readTo}, but {evidence.LostRecords} record(s) there were deleted by retention, skipped " +
                "by a start position or replaced with the topic before the projection read them, and it may have been one of them.");
        }
        var observed = evidence.ObservedThrough is { } time ? $", newest fact read at {Rfc3339.Format(time)}" : "";
        return NotFound($"No {what}: {readTo}{observed}.");
    }

    /// <summary>Why the partitions in scope have not been read to their end, as far as anyone can tell.</summary>
    private static string Behind(RequestEvidence evidence, string partitions)
    {
        if (evidence.Scope.Count == 0)
            return "Kafka has not said yet which partition could hold it";
        if (evidence.Lag is { } records)
            return $"the projection is {records} record(s) behind in {partitions}, where it would be";
        if (evidence.Scope.Any(p => p.WatermarksExpired))
            return $"Kafka has not reported the log end of {partitions}, where it would be, since {Rfc3339.Format(evidence.WatermarksReadAt!.Value)}: how far behind the projection is there is unknown";
        return $"the projection is at an unknown distance from the log end in {partitions}, where it would be";
    }

    /// <summary>Looked for where the projection has read: it is not there.</summary>
    public static IResult NotFound(string message) => Answer(NotFoundCode, "Not found", message);

    /// <summary>Not read yet where it would be: asking again (after <c>Retry-After</c>) may find it.</summary>
    public IResult NotYetObserved(HttpContext http, string message)
    {
        http.Response.Headers.RetryAfter = Math.Ceiling(options.RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        return Answer(NotYetObservedCode, "Not observed yet", message);
    }

    /// <summary>Where it would be, records were lost before they were read: asking again will not tell.</summary>
    public static IResult HistoryGap(string message) => Answer(HistoryGapCode, "Not in the history read", message);

    private static IResult Answer(string code, string reason, string message) =>
        new TmfError(code, reason, message, StatusCodes.Status404NotFound).ToResult();
}
