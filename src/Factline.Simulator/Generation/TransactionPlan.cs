using Factline.Envelope;
using Factline.Simulator.Flows;

namespace Factline.Simulator.Generation;

/// <summary>How one attempt at a stage ends: SUCCESS, ERROR with the failure, or UNKNOWN.</summary>
internal readonly record struct AttemptPlan(Outcome Outcome, FailureMode? Failure = null)
{
    public static readonly AttemptPlan Succeeds = new(Outcome.Success);
    public static readonly AttemptPlan EndsUnknown = new(Outcome.Unknown);

    public static AttemptPlan Fails(FailureMode failure) => new(Outcome.Error, failure);
}

/// <summary>The attempts one stage makes, in order.</summary>
internal sealed record StagePlan(StageTemplate Stage, IReadOnlyList<AttemptPlan> Attempts);

/// <summary>What the last fact of a transaction is.</summary>
internal enum FlowEnding
{
    /// <summary>The terminal stage's SUCCESS.</summary>
    Completed,

    /// <summary>The dead-letter stage's ERROR.</summary>
    DeadLettered,

    /// <summary>No closing fact: the transaction stops after its last planned stage (or after ingress).</summary>
    Stopped,
}

/// <summary>The outcome of every attempt of a transaction, decided before any fact is written.</summary>
internal sealed record TransactionPlan(FlowTemplate Flow, TransactionShape Shape, IReadOnlyList<StagePlan> Stages, FlowEnding Ending);
