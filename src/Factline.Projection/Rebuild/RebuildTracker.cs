namespace Factline.Projection.Rebuild;

/// <summary>Keeps one rebuild's progress up to date; readers on other threads see whole snapshots.</summary>
internal sealed class RebuildTracker
{
    private readonly TimeProvider _clock;
    private RebuildProgress _current;

    public RebuildTracker(TimeProvider clock)
    {
        _clock = clock;
        _current = new RebuildProgress(Guid.NewGuid().ToString("N")[..12], RebuildPhase.Replaying, clock.GetUtcNow(), null, 0, 0, 0, null, null);
    }

    public RebuildProgress Current => Volatile.Read(ref _current);

    public void Measure(RebuildPhase phase, long applied, long remaining)
    {
        var started = Current.StartedAt;
        var seconds = (_clock.GetUtcNow() - started).TotalSeconds;
        var rate = seconds > 0 ? applied / seconds : 0;
        TimeSpan? left = rate > 0 ? TimeSpan.FromSeconds(remaining / rate) : null;
        Volatile.Write(ref _current, Current with
        {
            Phase = phase,
            RecordsApplied = applied,
            RecordsRemaining = remaining,
            RecordsPerSecond = rate,
            EstimatedTimeLeft = left,
        });
    }

    /// <summary>
    /// The rebuilt view is live: nothing is left to the rebuild. What the log holds beyond the hand-over (records written
    /// while it was measured) is the live projector's to read, and its lag says so.
    /// </summary>
    public void Complete() =>
        Volatile.Write(ref _current, Current with
        {
            Phase = RebuildPhase.Completed, FinishedAt = _clock.GetUtcNow(), RecordsRemaining = 0, EstimatedTimeLeft = TimeSpan.Zero,
        });

    public void Fail(string reason) =>
        Volatile.Write(ref _current, Current with { Phase = RebuildPhase.Failed, FinishedAt = _clock.GetUtcNow(), EstimatedTimeLeft = null, Failure = reason });
}
