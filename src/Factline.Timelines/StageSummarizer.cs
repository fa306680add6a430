using Factline.Envelope;
using Factline.Storage;

namespace Factline.Timelines;

/// <summary>Sums up each stage from its facts.</summary>
internal static class StageSummarizer
{
    /// <summary>One summary per stage, in the order of each stage's first fact in <paramref name="orderedFacts"/>.</summary>
    public static IReadOnlyList<StageSummary> Summarize(IReadOnlyList<StoredFact> orderedFacts) =>
        [.. orderedFacts.GroupBy(stored => stored.Fact.Stage, StringComparer.Ordinal).Select(stage => Summarize(stage.Key, [.. stage.Select(s => s.Fact)]))];

    private static StageSummary Summarize(string stage, IReadOnlyList<Fact> facts)
    {
        var attempts = facts.Select(f => f.Attempt).Distinct().Count();
        var finalAttempt = facts.Max(f => f.Attempt);
        return new StageSummary(
            stage,
            attempts,
            finalAttempt,
            OutcomeOf(facts.Where(f => f.Attempt == finalAttempt)),
            facts.Min(f => f.Timestamp),
            facts.Max(f => f.Timestamp),
            [.. facts.Where(f => f.Outcome == Outcome.Error).Select(f => new FailedAttempt(f.Attempt, f.EventId, f.Timestamp, f.Error))]);
    }

    /// <summary>An attempt ends with its last SUCCESS, ERROR or UNKNOWN fact; until then it is in progress.</summary>
    private static Outcome OutcomeOf(IEnumerable<Fact> attempt) =>
        attempt.LastOrDefault(f => f.Outcome != Outcome.InProgress)?.Outcome ?? Outcome.InProgress;
}
