using Factline.Envelope;
using Factline.Storage;

namespace Factline.Timelines;

/// <summary>
/// Turns a transaction's facts into its <see cref="Timeline"/>. Pure: no clock, no I/O; the same input
/// always gives the same timeline.
/// </summary>
public sealed class TimelineBuilder(PipelineOptions pipelines)
{
    public Timeline Build(TimelineInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        List<StoredFact> facts = [.. input.Facts.Order(TimelineOrder.Facts)];
        var pipeline = pipelines.For(EventTypeOf(facts));
        var stages = StageSummarizer.Summarize(facts);
        var coverage = StageCoverage.Of(pipeline, [.. stages.Select(s => s.Stage)]);
        var lastActivity = facts.Max(s => s.Position.BrokerTimestamp);

        var verdict = StateRules.Derive(new TimelineFacts(
            facts, stages, coverage, pipeline, input.Quarantined, GapsAfterItBegan(input), input.UnreadFactCount, input.LogClock, lastActivity));
        return new Timeline(
            input.CorrelationId,
            pipeline,
            TimelineOrder.Merge(facts, input.Quarantined),
            stages,
            coverage,
            verdict.State,
            verdict.Reason,
            input.LogClock,
            lastActivity);
    }

    /// <summary>
    /// The gaps that may have taken records of the transaction: those ending after one of its records in the same partition.
    /// A gap that ends before its first record there can only have taken records older than all of them.
    /// </summary>
    private static List<HistoryGap> GapsAfterItBegan(TimelineInput input)
    {
        var positions = input.Facts.Select(f => f.Position).Concat(input.Quarantined.Select(q => q.Position)).ToList();
        return [.. input.HistoryGaps.Where(gap => positions.Any(p => p.PartitionId == gap.Partition && p.Offset < gap.UnbrokenFrom))];
    }

    /// <summary>
    /// The event type that picks the pipeline: the first INGRESS fact's (it names what arrived), else the
    /// first fact's that names one. Later facts may carry other types, such as state-change events.
    /// </summary>
    private static string? EventTypeOf(IReadOnlyList<StoredFact> orderedFacts) =>
        orderedFacts.FirstOrDefault(s => s.Fact.RecordType == RecordType.Ingress && s.Fact.EventType is not null)?.Fact.EventType
        ?? orderedFacts.FirstOrDefault(s => s.Fact.EventType is not null)?.Fact.EventType;
}
