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
            facts, stages, coverage, pipeline, input.Quarantined, GapsThatMayHoldItsFacts(input), input.UnreadFactCount, input.LogClock, lastActivity));
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
    /// The gaps that may have taken records of the transaction. A gap that ends after one of its records in the same
    /// partition may hold later facts of it. One that ends before all of them may hold earlier ones, unless the first of
    /// them in log order is an INGRESS fact: the transaction began there, after the gap. One in a partition that could
    /// hold its records, but where none was read, may hold any.
    /// </summary>
    private static List<HistoryGapEffect> GapsThatMayHoldItsFacts(TimelineInput input)
    {
        var records = input.Facts.Select(f => (f.Position, IsIngress: f.Fact.RecordType == RecordType.Ingress))
            .Concat(input.Quarantined.Select(q => (q.Position, IsIngress: false)))
            .ToList();
        var effects = new List<HistoryGapEffect>();
        foreach (var gap in input.HistoryGaps)
        {
            var there = records.Where(r => r.Position.PartitionId == gap.Partition).OrderBy(r => r.Position.Offset).ToList();
            if (there.Count == 0)
                effects.Add(new HistoryGapEffect(gap, GapReach.AnyFacts));
            else if (there.Any(r => r.Position.Offset < gap.UnbrokenFrom))
                effects.Add(new HistoryGapEffect(gap, GapReach.LaterFacts));
            else if (!there[0].IsIngress)
                effects.Add(new HistoryGapEffect(gap, GapReach.EarlierFacts));
        }
        return effects;
    }

    /// <summary>
    /// The event type that picks the pipeline: the first INGRESS fact's (it names what arrived), else the
    /// first fact's that names one. Later facts may carry other types, such as state-change events.
    /// </summary>
    private static string? EventTypeOf(IReadOnlyList<StoredFact> orderedFacts) =>
        orderedFacts.FirstOrDefault(s => s.Fact.RecordType == RecordType.Ingress && s.Fact.EventType is not null)?.Fact.EventType
        ?? orderedFacts.FirstOrDefault(s => s.Fact.EventType is not null)?.Fact.EventType;
}
