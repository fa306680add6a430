using Factline.Storage;

namespace Factline.Timelines;

/// <summary>What the state rules read: the ordered facts and what was already derived from them.</summary>
internal sealed record TimelineFacts(
    IReadOnlyList<StoredFact> Facts,
    IReadOnlyList<StageSummary> Stages,
    StageCoverage Coverage,
    Pipeline Pipeline,
    IReadOnlyList<QuarantineEntry> Quarantined,
    IReadOnlyList<HistoryGapEffect> GapsThatMayHoldItsFacts,
    long UnreadFactCount,
    DateTimeOffset? LogClock,
    DateTimeOffset? LastActivity)
{
    public TimeSpan? Idle => LogTime.Idle(LogClock, LastActivity);

    public bool IsIdleBeyondThreshold => Idle > Pipeline.StallThreshold;

    public StageSummary StageOf(StoredFact stored) => Stages.First(s => s.Stage == stored.Fact.Stage);
}
