using Factline.Projection.Rebuild;

namespace Factline.Tests.Rebuild;

/// <summary>The figures a rebuild's resource shows, from replaying to completed.</summary>
public sealed class RebuildTrackerTests
{
    [Fact]
    public void A_completed_rebuild_has_nothing_left_what_the_log_holds_beyond_the_hand_over_is_the_live_views()
    {
        var tracker = new RebuildTracker(TimeProvider.System);
        // Measured during the hand-over: records kept arriving while the shadow caught up with the paused live view.
        tracker.Measure(RebuildPhase.Swapping, applied: 995_000, remaining: 5_000);

        tracker.Complete();

        var completed = tracker.Current;
        Assert.Equal(RebuildPhase.Completed, completed.Phase);
        Assert.Equal((995_000, 0, 995_000), (completed.RecordsApplied, completed.RecordsRemaining, completed.RecordsTotal));
        Assert.Equal(TimeSpan.Zero, completed.EstimatedTimeLeft);
    }
}
