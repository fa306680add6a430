namespace Factline.Timelines;

/// <summary>One transaction as the log shows it: its facts in order, what each stage did, and the state they add up to.</summary>
/// <param name="Entries">Facts in timeline order (producer time, then log position), with unreadable records where the log holds them.</param>
/// <param name="Stages">One summary per stage, in the order of each stage's first fact.</param>
/// <param name="Reason">Why the facts add up to <paramref name="State"/>, in words.</param>
/// <param name="LogClock">The log time the state was judged at.</param>
/// <param name="LastActivity">The newest broker time among the transaction's facts.</param>
public sealed record Timeline(
    string CorrelationId,
    Pipeline Pipeline,
    IReadOnlyList<TimelineEntry> Entries,
    IReadOnlyList<StageSummary> Stages,
    StageCoverage Coverage,
    TimelineState State,
    string Reason,
    DateTimeOffset? LogClock,
    DateTimeOffset? LastActivity)
{
    /// <summary>How long the log has gone without a fact of this transaction; null when either clock is unknown.</summary>
    public TimeSpan? Idle => LogTime.Idle(LogClock, LastActivity);
}
