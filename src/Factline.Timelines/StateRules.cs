using Factline.Envelope;
using Factline.Storage;

namespace Factline.Timelines;

/// <summary>A derived state and the reason for it, in words.</summary>
internal readonly record struct Verdict(TimelineState State, string Reason);

/// <summary>
/// Derives a transaction's state from its facts. The rules are tried in order and the first that
/// applies decides; docs/timelines.md has the same table. Elapsed time is always log time.
/// </summary>
internal static class StateRules
{
    /// <summary>How many unreadable positions a reason names before it only counts the rest.</summary>
    private const int NamedPositions = 3;

    public static Verdict Derive(TimelineFacts t) => ReachedTerminalFailure(t) ?? HistoryIsIncomplete(t) ?? FromReadableFacts(t);

    /// <summary>Rules 3 on, what the readable facts make it (a terminal failure, rule 1, came before).</summary>
    private static Verdict FromReadableFacts(TimelineFacts t) =>
        NoFacts(t)
        ?? ReachedTerminalSuccess(t)
        ?? LastAttemptFailed(t)
        ?? FactsSayUnknown(t)
        ?? OnlyIngress(t)
        ?? Stalled(t)
        ?? StillMoving(t);

    /// <summary>
    /// 1. A terminal failure stage (a dead-letter stage) was reached, whatever else happened: no record unread or lost
    /// can undo it.
    /// </summary>
    private static Verdict? ReachedTerminalFailure(TimelineFacts t) =>
        t.Facts.FirstOrDefault(s => t.Pipeline.IsTerminalFailure(s.Fact.Stage)) is { } failure
            ? new(TimelineState.Failed, $"reached the terminal failure stage '{failure.Fact.Stage}'{ErrorText(failure.Fact.Error)}")
            : null;

    /// <summary>2. A record of the transaction cannot be read, or was not, or may have been lost: no outcome can be certain.</summary>
    private static Verdict? HistoryIsIncomplete(TimelineFacts t)
    {
        if (t.Quarantined.Count == 0 && t.UnreadFactCount == 0 && t.GapsThatMayHoldItsFacts.Count == 0)
            return null;
        var gaps = new List<string>();
        if (t.Quarantined.Count > 0)
            gaps.Add($"{Count(t.Quarantined.Count, "record")} with this key {(t.Quarantined.Count == 1 ? "was" : "were")} quarantined ({Positions(t.Quarantined)})");
        if (t.UnreadFactCount > 0)
            gaps.Add($"only {t.Facts.Count} of its {t.Facts.Count + t.UnreadFactCount} facts were read");
        foreach (var (gap, reach) in t.GapsThatMayHoldItsFacts)
        {
            var where = reach switch
            {
                GapReach.LaterFacts => "after this transaction's first record there: later facts of it may be among them",
                GapReach.EarlierFacts => "and the first record of this transaction read there is not its INGRESS fact: earlier facts of it may be among them",
                _ => "where no record of this transaction was read, though its facts could be there: facts of it may be among them",
            };
            gaps.Add($"{Count(gap.MissingRecords, "record")} of {gap.Partition} were never read (deleted by retention, skipped by a start " +
                $"position or replaced with the topic), the newest just before offset {gap.UnbrokenFrom}, {where}");
        }
        var readable = t.Facts.Count == 0
            ? "no readable fact is left to go by"
            : $"the readable facts alone would make it {FromReadableFacts(t).State.WireName()}";
        return new(TimelineState.Unknown, $"{string.Join("; ", gaps)}, so the outcome cannot be derived with certainty: {readable}");
    }

    /// <summary>3. Nothing readable at all (the API answers 404 before it comes to this).</summary>
    private static Verdict? NoFacts(TimelineFacts t) =>
        t.Facts.Count == 0 ? new(TimelineState.Unobserved, "no fact of this transaction has been read") : null;

    /// <summary>4. A terminal success stage's final attempt reported SUCCESS.</summary>
    private static Verdict? ReachedTerminalSuccess(TimelineFacts t)
    {
        var completed = t.Stages.FirstOrDefault(s => t.Pipeline.IsTerminalSuccess(s.Stage) && s.FinalOutcome == Outcome.Success);
        if (completed is null)
            return null;
        var missing = t.Coverage.Missing.Count == 0 ? "" : $", although expected stages were never observed: {string.Join(", ", t.Coverage.Missing)}";
        return new(TimelineState.Completed, $"the terminal stage '{completed.Stage}' reported SUCCESS{missing}");
    }

    /// <summary>
    /// 5. The last stage's final attempt failed and nothing came after it. A retryable error is given
    /// the stall threshold for its retry to show up before it counts as the end (until then, rule 9).
    /// </summary>
    private static Verdict? LastAttemptFailed(TimelineFacts t)
    {
        var stage = t.StageOf(t.Facts[^1]);
        if (stage.FinalFailure is not { } failure)
            return null;
        if (failure.Error?.Retryable != true)
            return new(TimelineState.Failed, $"{Failed(stage, failure)}, and nothing came after it");
        return t.IsIdleBeyondThreshold
            ? new(TimelineState.Failed,
                $"{Failed(stage, failure)}; the error is retryable, but no retry came in {LogTime.Describe(t.Idle!.Value)} of log time (stall threshold {Threshold(t)})")
            : null;
    }

    /// <summary>6. A stage's final attempt ended UNKNOWN: the producer itself could not tell what happened.</summary>
    private static Verdict? FactsSayUnknown(TimelineFacts t) =>
        t.Stages.LastOrDefault(s => s.FinalOutcome == Outcome.Unknown) is { } unknown
            ? new(TimelineState.Unknown,
                $"attempt {unknown.FinalAttempt} of '{unknown.Stage}' ended with outcome UNKNOWN{ErrorText(ErrorOf(t, unknown))}: the facts themselves cannot tell whether it succeeded")
            : null;

    /// <summary>7. Only INGRESS facts: the message arrived and the stream shows nothing done for it.</summary>
    private static Verdict? OnlyIngress(TimelineFacts t) =>
        t.Facts.All(s => s.Fact.RecordType == RecordType.Ingress)
            ? new(TimelineState.Unobserved,
                $"only INGRESS facts ({string.Join(", ", t.Coverage.Observed)}): the stream never shows a fact past ingress")
            : null;

    /// <summary>8. No terminal outcome, and the log went on without this transaction for longer than the threshold.</summary>
    private static Verdict? Stalled(TimelineFacts t) =>
        t.IsIdleBeyondThreshold
            ? new(TimelineState.Stalled,
                $"no terminal outcome, and no new fact for {LogTime.Describe(t.Idle!.Value)} of log time (stall threshold {Threshold(t)}); {LastFact(t)}")
            : null;

    /// <summary>9. Otherwise the transaction is still moving.</summary>
    private static Verdict StillMoving(TimelineFacts t)
    {
        var stage = t.StageOf(t.Facts[^1]);
        var moving = stage.FinalFailure is { } failure
            ? $"{Failed(stage, failure)}; the error is retryable and a retry is awaited"
            : $"no terminal outcome yet; {LastFact(t)}";
        return new(TimelineState.InProgress, $"{moving} ({SinceLastFact(t)})");
    }

    private static string Failed(StageSummary stage, FailedAttempt failure) =>
        $"attempt {failure.Attempt} of '{stage.Stage}' failed{ErrorText(failure.Error)}";

    private static string SinceLastFact(TimelineFacts t)
    {
        if (t.Idle is { } idle)
            return $"{LogTime.Describe(idle)} of log time since the last fact, stall threshold {Threshold(t)}";
        return t.LogClock is null
            ? "a stall cannot be judged: no log clock has been read yet"
            : "a stall cannot be judged: the facts carry no broker time";
    }

    private static string LastFact(TimelineFacts t)
    {
        var last = t.Facts[^1].Fact;
        return $"the last fact is '{last.Stage}' {WireNames.Of(last.Outcome)} (attempt {last.Attempt})";
    }

    private static string Threshold(TimelineFacts t) => LogTime.Describe(t.Pipeline.StallThreshold);

    /// <summary>The error reported with a stage's final UNKNOWN outcome, if any.</summary>
    private static FactError? ErrorOf(TimelineFacts t, StageSummary stage) =>
        t.Facts.LastOrDefault(s => s.Fact.Stage == stage.Stage && s.Fact.Attempt == stage.FinalAttempt && s.Fact.Outcome == Outcome.Unknown)?.Fact.Error;

    private static string ErrorText(FactError? error) =>
        (error?.Code, error?.Message) switch
        {
            ({ } code, { } message) => $" ({code}: {message})",
            ({ } code, null) => $" ({code})",
            (null, { } message) => $" ({message})",
            _ => "",
        };

    private static string Positions(IReadOnlyList<QuarantineEntry> records)
    {
        var named = records.Take(NamedPositions).Select(r => $"{r.Position}: {QuarantineReasonNames.Of(r.Reason)}");
        var rest = records.Count > NamedPositions ? [$"and {records.Count - NamedPositions} more"] : Array.Empty<string>();
        return string.Join(", ", named.Concat(rest));
    }

    private static string Count(long count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
