using Factline.Kafka;
using Factline.Projection;
using Factline.Projection.DeadLetters;
using Factline.Projection.Replay;
using Factline.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace Factline.Tests.Projection;

/// <summary>Runs a projector in this process until a condition holds, then stops it.</summary>
public static class InProcessProjection
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    public static Projector Create(
        KafkaOptions kafka, IProjectionWriter store, ProjectorOptions? options = null, IOffsetsForTimes? offsetsForTimes = null, ILogger<Projector>? logger = null,
        IDeadLetterSink? deadLetters = null) =>
        new(kafka, options ?? new ProjectorOptions(), store, offsetsForTimes ?? new KafkaOffsetsForTimes(kafka, NullLogger<KafkaOffsetsForTimes>.Instance),
            logger ?? NullLogger<Projector>.Instance, deadLetters);

    /// <summary>Runs <paramref name="projector"/> until <paramref name="store"/> has read every partition up to <paramref name="ends"/>.</summary>
    public static Task RunUntilAsync(Projector projector, IBookmarkReader store, IReadOnlyDictionary<PartitionId, long> ends, TimeSpan? timeout = null) =>
        RunUntilAsync(projector, () => HasReachedAsync(store, ends), timeout);

    /// <summary>Runs <paramref name="projector"/> as a group member until <paramref name="done"/> says so; fails if it stops first.</summary>
    public static async Task RunUntilAsync(Projector projector, Func<Task<bool>> done, TimeSpan? timeout = null)
    {
        using var stop = new CancellationTokenSource();
        var run = Task.Run(() => projector.RunAsync(stop.Token));
        try
        {
            await WaitUntilAsync(done, run, timeout);
        }
        finally
        {
            await stop.CancelAsync();
            await run;
        }
    }

    /// <summary>Whether every partition's bookmark is at least its end.</summary>
    public static async Task<bool> HasReachedAsync(IBookmarkReader store, IReadOnlyDictionary<PartitionId, long> ends)
    {
        var bookmarks = await store.ReadBookmarksAsync();
        return ends.All(end => bookmarks.TryGetValue(end.Key, out var bookmark) && bookmark.NextOffset >= end.Value);
    }

    /// <summary>Polls <paramref name="done"/> until it holds; fails early when <paramref name="running"/> ends first.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> done, Task? running = null, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (!await done())
        {
            if (running is { IsCompleted: true })
            {
                await running;
                throw new InvalidOperationException("the projection stopped before the condition held");
            }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"the condition did not hold within {timeout ?? DefaultTimeout}");
            await Task.Delay(20);
        }
    }
}
