using System.Globalization;
using Factline.Api.Errors;
using Factline.Api.Evidence;
using Factline.Projection.Evidence;

namespace Factline.Api.Quarantine;

/// <summary>
/// Why no record is quarantined at one position, judged by that position: read there (a fact or nothing is there), past the
/// log's end, not read yet, or lost to a history gap. A partition nobody projects holds no quarantined record at all.
/// </summary>
/// <remarks>A lookup by anything else is judged by its partitions as a whole (<see cref="NotFoundResponder"/>).</remarks>
internal sealed class QuarantinedPositionNotFound(EvidenceOptions options)
{
    public IResult Respond(HttpContext http, string topic, int partition, long offset)
    {
        var evidence = RequestEvidence.Of(http)
            ?? throw new InvalidOperationException("the evidence filter must run before a not-found answer is given");
        var what = $"No quarantined record at {topic}/{partition}@{offset}";
        var progress = evidence.Progress;
        var ofTopic = progress.Partitions.Where(p => p.Partition.Topic == topic).ToList();
        if (ofTopic.Count == 0)
        {
            return progress.Partitions.Count == 0 && progress.MissingTopics.Count == 0
                ? NotYet(http, $"{what} so far, but Kafka has not said yet which partitions the projected topics have; ask again later.")
                : NotFound($"{what}: Factline projects no partition of topic '{topic}' (Factline:Kafka:Topics).");
        }
        if (ofTopic.FirstOrDefault(p => p.Partition.Partition == partition) is not { } read)
            return NotFound($"{what}: topic '{topic}' has no partition {partition} (it has {ofTopic.Count}, from 0).");

        if (read.LogReplaced)
            return Gap($"{what} in what was read, but the log of {read.Partition} was replaced under the projection and is not read until a rebuild has read it as it is now (factline rebuild).");
        if (offset < read.NextOffset)
        {
            return offset < read.HistoryUnbrokenFrom && read.MissingRecords > 0
                ? Gap($"{what}: records of {read.Partition} before offset {Text(read.HistoryUnbrokenFrom)} were deleted by retention or skipped before the projection read them, and that one may have been among them.")
                : NotFound($"{what}: the projection has read {read.Partition} past it (up to offset {Text(read.NextOffset - 1)}); the record there is a fact, or there is none.");
        }
        if (read.CaughtUp && offset >= read.LogEndOffset)
            return NotFound($"{what}: the log of {read.Partition} ends before it (its next offset is {Text(read.LogEndOffset!.Value)}), and the projection has read it to there.");
        var readSoFar = read.NextOffset == 0 ? "has read nothing of it yet" : $"has read it up to offset {Text(read.NextOffset - 1)}";
        return NotYet(http, $"{what} so far: {read.Partition} is where it would be, and the projection {readSoFar}; ask again later.");
    }

    private IResult NotYet(HttpContext http, string message)
    {
        http.Response.Headers.RetryAfter = Math.Ceiling(options.RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        return Answer(NotFoundResponder.NotYetObservedCode, "Not observed yet", message);
    }

    private static IResult NotFound(string message) => Answer(NotFoundResponder.NotFoundCode, "Not found", message);

    private static IResult Gap(string message) => Answer(NotFoundResponder.HistoryGapCode, "Not in the history read", message);

    private static IResult Answer(string code, string reason, string message) =>
        new TmfError(code, reason, message, StatusCodes.Status404NotFound).ToResult();

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
