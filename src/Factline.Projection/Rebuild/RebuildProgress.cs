namespace Factline.Projection.Rebuild;

/// <summary>A snapshot of one rebuild.</summary>
/// <param name="RecordsApplied">Log records (facts and quarantined records) applied to the shadow store so far.</param>
/// <param name="RecordsRemaining">Records between the shadow's bookmarks and the log end offsets, when last measured; 0 once completed.</param>
/// <param name="RecordsPerSecond">The shadow's average rate since the rebuild started.</param>
/// <param name="EstimatedTimeLeft">At that rate, until the shadow reaches the log end; null before there is a rate.</param>
/// <param name="Failure">Why a failed rebuild gave up.</param>
public sealed record RebuildProgress(
    string Id,
    RebuildPhase Phase,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    long RecordsApplied,
    long RecordsRemaining,
    double RecordsPerSecond,
    TimeSpan? EstimatedTimeLeft,
    string? Failure)
{
    public long RecordsTotal => RecordsApplied + RecordsRemaining;
}
