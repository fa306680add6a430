namespace Factline.Timelines;

/// <summary>
/// What a pipeline is when configuration says nothing: the terminal stages TM Forum order and alarm
/// flows commonly end in (those the simulator emits among them), the dead-letter stage, five minutes.
/// </summary>
public static class PipelineDefaults
{
    public static IReadOnlyList<string> TerminalSuccessStages { get; } =
    [
        "completion", "completed", "order.completed", "serviceorder.completed", "resourceorder.completed", "alarm.acknowledged",
    ];

    public static IReadOnlyList<string> TerminalFailureStages { get; } = ["deadletter", "dead-letter"];

    public static TimeSpan StallThreshold { get; } = TimeSpan.FromMinutes(5);
}
