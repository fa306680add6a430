using Factline.Projection.Evidence;
using Factline.Storage;

namespace Factline.Projection.Rebuild;

/// <summary>How far a rebuild's shadow has got against the log end offsets, reported to its tracker.</summary>
internal sealed class ShadowProgress(IBookmarkReader shadow, Projector projector, Task replay, LogWatermarkMonitor watermarks, RebuildTracker tracker)
{
    /// <summary>Measures now, records the measurement, and returns the records still to read.</summary>
    /// <exception cref="Exception">Whatever stopped the shadow projector, if it failed.</exception>
    public async Task<long> MeasureAsync(RebuildPhase phase, CancellationToken cancellationToken)
    {
        if (replay.IsFaulted)
            await replay;
        await watermarks.RefreshAsync(cancellationToken);
        var bookmarks = await shadow.ReadBookmarksAsync(cancellationToken);
        var remaining = 0L;
        foreach (var log in watermarks.Current)
        {
            var read = bookmarks.GetValueOrDefault(log.Partition, new Bookmark(log.Partition, 0));
            remaining += new PartitionProgress(log.Partition, read.NextOffset, log.LogStartOffset, log.LogEndOffset, null, 0).Lag ?? 0;
        }
        tracker.Measure(phase, projector.Statistics.Records, remaining);
        return remaining;
    }
}
