using Factline.Simulator.Flows;

namespace Factline.Simulator.Generation;

/// <summary>Turns a flow and a drawn shape into the attempts each stage makes and how the transaction ends.</summary>
internal sealed class TransactionPlanner(Random random)
{
    /// <summary>Services give up on a stage after this many attempts.</summary>
    public const int MaxAttempts = 3;

    public TransactionPlan Plan(FlowTemplate flow, TransactionShape shape) => shape switch
    {
        TransactionShape.Success => new(flow, shape, flow.Stages.Select(SucceedsFirstTime).ToList(), FlowEnding.Completed),
        TransactionShape.RetriedSuccess => PlanRetriedSuccess(flow),
        TransactionShape.DeadLetter => PlanDeadLetter(flow),
        TransactionShape.IngressOnly => new(flow, shape, [], FlowEnding.Stopped),
        TransactionShape.Unknown => PlanUnknown(flow),
        _ => throw new ArgumentOutOfRangeException(nameof(shape), shape, null),
    };

    /// <summary>One stage (sometimes two) fails once or twice with retryable errors before succeeding.</summary>
    private TransactionPlan PlanRetriedSuccess(FlowTemplate flow)
    {
        var candidates = flow.Stages.Where(s => s.CanFailRetryably).ToList();
        var retriedCount = Math.Min(candidates.Count, random.NextDouble() < 0.75 ? 1 : 2);
        var retried = Pick(candidates, retriedCount);

        var stages = flow.Stages.Select(stage => retried.Contains(stage)
            ? new StagePlan(stage, [.. RetryableFailures(stage, random.Next(1, MaxAttempts)), AttemptPlan.Succeeds])
            : SucceedsFirstTime(stage));
        return new(flow, TransactionShape.RetriedSuccess, stages.ToList(), FlowEnding.Completed);
    }

    /// <summary>A stage fails for good: once with a permanent error, or at every attempt with retryable ones.</summary>
    private TransactionPlan PlanDeadLetter(FlowTemplate flow)
    {
        var failing = PickOne(flow.Stages.Where(s => s.CanFail).ToList());
        var failure = PickOne(failing.Failures);
        var attempts = failure.Retryable
            ? RetryableFailures(failing, MaxAttempts)
            : [AttemptPlan.Fails(failure)];
        return new(flow, TransactionShape.DeadLetter, StagesBefore(flow, failing).Append(new(failing, attempts)).ToList(), FlowEnding.DeadLettered);
    }

    /// <summary>A call to a downstream system never reports back; the producer records UNKNOWN and the facts stop.</summary>
    private TransactionPlan PlanUnknown(FlowTemplate flow)
    {
        var lost = PickOne(flow.Stages.Where(flow.CallsDownstream).ToList());
        return new(flow, TransactionShape.Unknown, StagesBefore(flow, lost).Append(new(lost, [AttemptPlan.EndsUnknown])).ToList(), FlowEnding.Stopped);
    }

    private static IEnumerable<StagePlan> StagesBefore(FlowTemplate flow, StageTemplate stage) =>
        flow.Stages.TakeWhile(s => s != stage).Select(SucceedsFirstTime);

    private static StagePlan SucceedsFirstTime(StageTemplate stage) => new(stage, [AttemptPlan.Succeeds]);

    private List<AttemptPlan> RetryableFailures(StageTemplate stage, int count)
    {
        var retryable = stage.Failures.Where(f => f.Retryable).ToList();
        return Enumerable.Range(0, count).Select(_ => AttemptPlan.Fails(PickOne(retryable))).ToList();
    }

    private T PickOne<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private HashSet<T> Pick<T>(IReadOnlyList<T> items, int count)
    {
        var picked = new HashSet<T>();
        while (picked.Count < count)
            picked.Add(PickOne(items));
        return picked;
    }
}
