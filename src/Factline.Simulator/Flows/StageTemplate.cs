namespace Factline.Simulator.Flows;

/// <summary>
/// One EXECUTION stage of a flow: every attempt is an IN_PROGRESS fact followed by the attempt's outcome.
/// </summary>
/// <param name="Name">The fact's stage, e.g. "adapter.inventory".</param>
/// <param name="Operation">What the stage does, written into the payload, e.g. "inventory.reserve".</param>
/// <param name="MinDurationMs">The quickest a successful attempt takes.</param>
/// <param name="MaxDurationMs">The slowest a successful attempt takes.</param>
/// <param name="TimeoutMs">How long a timed-out attempt waits before its ERROR fact.</param>
/// <param name="Failures">How the stage can fail; empty for stages that never do.</param>
public sealed record StageTemplate(
    string Name,
    ServiceIdentity Producer,
    string Operation,
    int MinDurationMs,
    int MaxDurationMs,
    int TimeoutMs,
    IReadOnlyList<FailureMode> Failures)
{
    public bool CanFailRetryably => Failures.Any(f => f.Retryable);

    public bool CanFail => Failures.Count > 0;
}
