using Factline.Envelope;

namespace Factline.Timelines;

/// <summary>
/// What one stage did: how many attempts, when (producer clock), how it ended, and why each failed attempt failed.
/// </summary>
/// <param name="Attempts">How many different attempt numbers the stage reported.</param>
/// <param name="FinalAttempt">The highest attempt number reported.</param>
/// <param name="FinalOutcome">
/// How the final attempt ended: its SUCCESS, ERROR or UNKNOWN fact if it has one, else IN_PROGRESS.
/// Judged per attempt rather than by the latest fact, so producer clock skew cannot turn an ending into a start.
/// </param>
public sealed record StageSummary(
    string Stage,
    int Attempts,
    int FinalAttempt,
    Outcome FinalOutcome,
    DateTimeOffset FirstTime,
    DateTimeOffset LastTime,
    IReadOnlyList<FailedAttempt> FailedAttempts)
{
    /// <summary>From the stage's first fact to its last, on the producer's clock.</summary>
    public TimeSpan Duration => LastTime - FirstTime;

    /// <summary>The error the final attempt ended with, when it failed.</summary>
    public FailedAttempt? FinalFailure => FinalOutcome == Outcome.Error ? FailedAttempts.LastOrDefault(f => f.Attempt == FinalAttempt) : null;
}

/// <summary>An attempt that ended in ERROR, and the error it reported.</summary>
public sealed record FailedAttempt(int Attempt, string EventId, DateTimeOffset Time, FactError? Error);
