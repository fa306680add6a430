using Factline.Projection.Evidence;
using Factline.Storage;
using Microsoft.Extensions.Logging;

namespace Factline.Projection.Rebuild;

/// <summary>
/// Rebuilds the projection without downtime. A shadow store is filled from the earliest retained record
/// by a projector of its own (partitions assigned by hand, no group membership) while the live store keeps
/// answering. Once the shadow is close to the live store's positions, the live projector is paused, the shadow reaches
/// the live store's bookmarks, and it replaces the live store in one step (durably, for stores that
/// persist); the live projector then goes on from the new store's bookmarks. Queries see the old view or
/// the new one, each whole, never a half-built one. One rebuild runs at a time.
/// </summary>
public sealed class ProjectionRebuilder(
    SwappableProjectionStore live,
    IShadowStores shadows,
    Projector liveProjector,
    ProjectorFactory projectors,
    LogWatermarkMonitor watermarks,
    RebuildOptions options,
    TimeProvider clock,
    ILogger<ProjectionRebuilder> logger) : IAsyncDisposable
{
    /// <summary>How often the shadow's bookmarks are checked while the live projector is paused: the pause should be short.</summary>
    private static readonly TimeSpan HandOverPoll = TimeSpan.FromMilliseconds(10);

    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _starting = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private RebuildTracker? _latest;
    private Task _running = Task.CompletedTask;
    private bool _disposed;

    /// <summary>The running rebuild, or the last one since this process started; null when there has been none.</summary>
    public RebuildProgress? Latest => _latest?.Current;

    /// <summary>
    /// Makes the shadow store and starts filling it in the background, unless a rebuild is running here (including one
    /// that has swapped and is waiting to delete the replaced store until the last request reading it has finished).
    /// </summary>
    /// <param name="acceptHistoryLoss">Rebuild even when the live view holds records Kafka no longer retains, which the rebuilt view will not.</param>
    /// <returns>Whether it started, and the new rebuild or the one still running.</returns>
    /// <exception cref="RebuildElsewhereException">Another instance sharing the store is rebuilding: said before anything starts.</exception>
    /// <exception cref="RebuildWouldLoseHistoryException">The rebuild would drop history only the live view holds, and that was not accepted.</exception>
    public async Task<(bool Started, RebuildProgress Progress)> StartAsync(bool acceptHistoryLoss = false, CancellationToken cancellationToken = default)
    {
        await _starting.WaitAsync(cancellationToken);
        try
        {
            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                if (!_running.IsCompleted && _latest is { } running)
                    return (false, running.Current);
            }
            if (!acceptHistoryLoss && await HistoryOnlyTheLiveViewHoldsAsync(cancellationToken) is { Count: > 0 } held)
                throw new RebuildWouldLoseHistoryException(held);
            var shadow = await shadows.CreateAsync(cancellationToken);
            var tracker = new RebuildTracker(clock);
            lock (_gate)
            {
                _latest = tracker;
                // Not in the caller's execution context: a request's pinned store must not follow the rebuild.
                using (ExecutionContext.SuppressFlow())
                    _running = Task.Run(() => RunAsync(tracker, shadow, _stopping.Token));
            }
            return (true, tracker.Current);
        }
        finally
        {
            _starting.Release();
        }
    }

    /// <summary>
    /// The offsets, partition by partition, that the live view read and Kafka no longer has: from the oldest record read up
    /// to the log start (or the bookmark, if nearer), or up to the bookmark where the log was replaced under the view. A
    /// partition whose log start is not known yet is not judged.
    /// </summary>
    private async Task<List<HeldHistory>> HistoryOnlyTheLiveViewHoldsAsync(CancellationToken cancellationToken)
    {
        var held = new List<HeldHistory>();
        foreach (var bookmark in (await live.ReadBookmarksAsync(cancellationToken)).Values)
        {
            if (bookmark.FirstReadOffset is not { } first || watermarks.For(bookmark.Partition)?.LogStartOffset is not { } logStart)
                continue;
            var deletedUpTo = bookmark.LogReplaced ? bookmark.NextOffset : Math.Min(logStart, bookmark.NextOffset);
            if (deletedUpTo > first)
                held.Add(new HeldHistory(bookmark.Partition, first, deletedUpTo));
        }
        return held;
    }

    /// <summary>Waits for the running (or last) rebuild to finish and returns how it ended.</summary>
    public async Task<RebuildProgress?> WaitAsync(CancellationToken cancellationToken = default)
    {
        Task running;
        lock (_gate)
            running = _running;
        await running.WaitAsync(cancellationToken);
        return Latest;
    }

    /// <summary>Stops a running rebuild (it ends as failed, the live view unchanged) and waits for it.</summary>
    public async ValueTask DisposeAsync()
    {
        Task running;
        lock (_gate)
        {
            if (_disposed)
                return;
            _disposed = true;
            running = _running;
        }
        await _stopping.CancelAsync();
        await running;
        _stopping.Dispose();
        _starting.Dispose();
    }

    private async Task RunAsync(RebuildTracker tracker, IProjectionStore shadow, CancellationToken cancellationToken)
    {
        logger.LogInformation("Rebuild {Id}: replaying the log into a shadow store", tracker.Current.Id);
        using var stopShadow = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var replay = Task.CompletedTask;
        Task<IProjectionStore> replaced;
        try
        {
            var shadowProjector = projectors.CreateShadow(shadow, live);
            var partitions = await ReadPartitionsAsync(cancellationToken);
            replay = Task.Run(() => shadowProjector.RunOnPartitionsAsync(partitions, stopShadow.Token), CancellationToken.None);

            var progress = new ShadowProgress(shadow, shadowProjector, replay, watermarks, tracker);
            await CatchUpAsync(shadow, progress, RebuildPhase.Replaying, cancellationToken);
            await progress.MeasureAsync(RebuildPhase.Preparing, cancellationToken);
            await shadows.PrepareAsync(shadow, cancellationToken);
            // Preparing took a while, during which the live view moved on: catch up again before pausing it.
            await CatchUpAsync(shadow, progress, RebuildPhase.Preparing, cancellationToken);

            using var pauseLimit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            pauseLimit.CancelAfter(options.MaxPause);
            await using (await liveProjector.PauseAsync(pauseLimit.Token))
            {
                // The live view stands still now: the shadow must hold at least everything it holds that the log still has.
                var target = await TargetAsync(cancellationToken);
                tracker.Measure(RebuildPhase.Swapping, shadowProjector.Statistics.Records, tracker.Current.RecordsRemaining);
                while (await BehindAsync(shadow, target, cancellationToken) > 0)
                {
                    if (replay.IsCompleted)
                        await replay;
                    await Task.Delay(HandOverPoll, clock, pauseLimit.Token);
                }
                await stopShadow.CancelAsync();
                await replay; // the shadow projector applies what it has read, then lets go of its consumer
                await progress.MeasureAsync(RebuildPhase.Swapping, cancellationToken);
                await shadows.PromoteAsync(shadow, cancellationToken);
                replaced = live.ReplaceAsync(shadow);
            }
            tracker.Complete();
            logger.LogInformation("Rebuild {Id}: the rebuilt view is live ({Records} records replayed)", tracker.Current.Id, tracker.Current.RecordsApplied);
        }
        catch (Exception e)
        {
            var reason = e is OperationCanceledException && !cancellationToken.IsCancellationRequested
                ? $"the hand-over did not finish within {options.MaxPause} of pausing the live projector"
                : e.Message;
            logger.LogError(e, "Rebuild {Id} failed; the live view is unchanged", tracker.Current.Id);
            await stopShadow.CancelAsync();
            await GiveUpAsync(shadow, replay);
            // Failed once the shadow is gone: from then on a new rebuild can start, as the rebuild resource says.
            tracker.Fail(reason);
            return;
        }
        await DiscardReplacedAsync(await replaced);
    }

    /// <summary>
    /// Waits until the shadow is within <see cref="RebuildOptions.SwapWithinRecords"/> of the live store: the
    /// pause of the hand-over lasts as long as the shadow takes to read what the live store holds beyond it.
    /// </summary>
    private async Task CatchUpAsync(IProjectionStore shadow, ShadowProgress progress, RebuildPhase phase, CancellationToken cancellationToken)
    {
        await progress.MeasureAsync(phase, cancellationToken);
        while (await BehindAsync(shadow, await TargetAsync(cancellationToken), cancellationToken) > options.SwapWithinRecords)
        {
            await Task.Delay(options.ProgressInterval, clock, cancellationToken);
            await progress.MeasureAsync(phase, cancellationToken);
        }
    }

    /// <summary>
    /// How far the shadow must read in each partition: to the live store's bookmark, or to the log end where the log ends
    /// before it (the log was replaced under the live view, whose bookmark belongs to the log read before: no shadow can
    /// reach it, and reading the log as it is now is what the rebuild is for). Log ends read before the bookmarks were
    /// are at or past them unless the log was replaced, so a bookmark beyond a known end has the ends read again first.
    /// </summary>
    private async Task<Dictionary<PartitionId, long>> TargetAsync(CancellationToken cancellationToken)
    {
        var bookmarks = await live.ReadBookmarksAsync(cancellationToken);
        if (bookmarks.Values.Any(b => watermarks.For(b.Partition)?.LogEndOffset < b.NextOffset))
            await watermarks.RefreshAsync(cancellationToken);
        return bookmarks.Values.ToDictionary(
            b => b.Partition,
            b => watermarks.For(b.Partition)?.LogEndOffset is { } end && end < b.NextOffset ? end : b.NextOffset);
    }

    /// <summary>Every partition of the projected topics, as the cluster reports them now.</summary>
    private async Task<IReadOnlyCollection<PartitionId>> ReadPartitionsAsync(CancellationToken cancellationToken)
    {
        await watermarks.RefreshAsync(cancellationToken);
        var partitions = watermarks.Current.Select(w => w.Partition).ToArray();
        if (partitions.Length == 0)
            throw new InvalidOperationException("Kafka reported no partitions for the projected topics.");
        return partitions;
    }

    /// <summary>Records up to <paramref name="target"/> that the shadow has not read yet.</summary>
    private static async Task<long> BehindAsync(IBookmarkReader shadow, IReadOnlyDictionary<PartitionId, long> target, CancellationToken cancellationToken)
    {
        var read = await shadow.ReadBookmarksAsync(cancellationToken);
        return target.Sum(t => Math.Max(0, t.Value - read.GetValueOrDefault(t.Key).NextOffset));
    }

    private async Task GiveUpAsync(IProjectionStore shadow, Task replay)
    {
        try
        {
            await replay;
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "The shadow projector of a failed rebuild stopped with an error");
        }
        await shadows.DiscardAsync(shadow);
    }

    private async Task DiscardReplacedAsync(IProjectionStore replaced)
    {
        try
        {
            await shadows.DiscardAsync(replaced);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The new view is live and correct; a leftover file is only disk space, removed by the next rebuild.
            logger.LogWarning(e, "Could not delete the replaced projection store");
        }
    }
}
