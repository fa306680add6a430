using System.Globalization;
using Factline.Api.Evidence;

namespace Factline.Api.Quarantine;

/// <summary>
/// Why no record is quarantined at one position, judged by that position: read there (a fact or nothing is there), past the
/// log's end, not read yet, or lost to a history gap. A partition nobody projects holds no quarantined record at all.
/// </summary>
/// <remarks>A lookup by anything else is judged by its partitions as a whole (<see cref="NotFoundResponder"/>).</remarks>
internal sealed class QuarantinedPositionNotFound(NotFoundResponder answers)
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
                ? answers.NotYetObserved(http, $"{what} so far, but Kafka has not said yet which partitions the projected topics have; ask again later.")
                : NotFoundResponder.NotFound($"{what}: Factline projects no partition of topic '{topic}' (Factline:Kafka:Topics).");
        }
        if (ofTopic.FirstOrDefault(p => p.Partition.Partition == partition) is not { } read)
            return NotFoundResponder.NotFound($"{what}: topic '{topic}' has no partition {partition} (it has {ofTopic.Count}, from 0).");

        if (read.LogReplaced)
            return NotFoundResponder.HistoryGap($"{what} in what was read, but the log of {read.Partition} was replaced under the projection and is not read until a rebuild has read it as it is now (factline rebuild).");
        if (offset < read.NextOffset)
        {
            return offset < read.HistoryUnbrokenFrom && read.MissingRecords > 0
                ? NotFoundResponder.HistoryGap($"{what}: records of {read.Partition} before offset {Text(read.HistoryUnbrokenFrom)} were deleted by retention or skipped before the projection read them, and that one may have been among them.")
                : NotFoundResponder.NotFound($"{what}: the projection has read {read.Partition} past it (up to offset {Text(read.NextOffset - 1)}); the record there is a fact, or there is none.");
        }
        if (read.CaughtUp && offset >= read.LogEndOffset)
            return NotFoundResponder.NotFound($"{what}: the log of {read.Partition} ends before it (its next offset is {Text(read.LogEndOffset!.Value)}), and the projection has read it to there.");
        var readSoFar = read.NextOffset == 0 ? "has read nothing of it yet" : $"has read it up to offset {Text(read.NextOffset - 1)}";
        return answers.NotYetObserved(http, $"{what} so far: {read.Partition} is where it would be, and the projection {readSoFar}; ask again later.");
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
