namespace Factline.Timelines;

/// <summary>What the facts say about a transaction as a whole; see docs/timelines.md for the rules and their precedence.</summary>
public enum TimelineState
{
    /// <summary>A terminal success stage reported SUCCESS.</summary>
    Completed,

    /// <summary>A terminal failure stage was reached, or the last attempt of the last stage failed with nothing after it.</summary>
    Failed,

    /// <summary>No terminal outcome yet, and the last fact is within the stall threshold of the log clock.</summary>
    InProgress,

    /// <summary>No terminal outcome, and no new fact for longer than the stall threshold of log time.</summary>
    Stalled,

    /// <summary>Only INGRESS facts: the stream never shows the transaction past ingress.</summary>
    Unobserved,

    /// <summary>The facts themselves say UNKNOWN, or part of the transaction's history cannot be read.</summary>
    Unknown,
}

public static class TimelineStates
{
    /// <summary>The state as the API and the documentation spell it.</summary>
    public static string WireName(this TimelineState state) => state switch
    {
        TimelineState.Completed => "COMPLETED",
        TimelineState.Failed => "FAILED",
        TimelineState.InProgress => "IN_PROGRESS",
        TimelineState.Stalled => "STALLED",
        TimelineState.Unobserved => "UNOBSERVED",
        TimelineState.Unknown => "UNKNOWN",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };
}
