namespace Factline.Timelines;

/// <summary>The pipeline a transaction is judged against, with every configured value and default resolved.</summary>
/// <param name="EventType">The event type it was resolved for; null when the facts name none.</param>
/// <param name="IsConfigured">Whether this event type has its own entry in the configuration.</param>
/// <param name="ExpectedStages">Empty when no expected stages are configured: then nothing counts as missing.</param>
public sealed record Pipeline(
    string? EventType,
    bool IsConfigured,
    IReadOnlyList<string> ExpectedStages,
    IReadOnlyList<string> TerminalSuccessStages,
    IReadOnlyList<string> TerminalFailureStages,
    TimeSpan StallThreshold)
{
    public bool HasExpectedStages => ExpectedStages.Count > 0;

    public bool IsTerminalSuccess(string stage) => TerminalSuccessStages.Contains(stage, StringComparer.Ordinal);

    public bool IsTerminalFailure(string stage) => TerminalFailureStages.Contains(stage, StringComparer.Ordinal);
}
