using Factline.Kafka;
using Factline.Storage;

namespace Factline.Projection.Evidence;

/// <summary>
/// Joins the store's bookmarks (how far the projection has read) with Kafka's watermarks (what the log
/// holds). Every partition of the projected topics appears, read or not, so an unread partition shows
/// as lag instead of silently counting as "nothing there".
/// </summary>
public sealed class ReadProgressSource(
    IBookmarkReader store, LogWatermarkMonitor watermarks, KafkaOptions kafka, EvidenceOptions options, TimeProvider clock) : IReadProgressSource
{
    public async Task<ReadProgress> CurrentAsync(CancellationToken cancellationToken = default)
    {
        var bookmarks = await store.ReadBookmarksAsync(cancellationToken);
        var expiredBefore = clock.GetUtcNow() - options.MaxWatermarkAge;
        var partitions = new SortedDictionary<PartitionId, PartitionProgress>(PartitionOrder.Instance);

        foreach (var topic in kafka.Topics)
        {
            for (var partition = 0; partition < (watermarks.PartitionCount(topic) ?? 0); partition++)
            {
                var id = new PartitionId(topic, partition);
                partitions[id] = Progress(id, bookmarks.GetValueOrDefault(id, new Bookmark(id, 0)), watermarks.For(id), expiredBefore);
            }
        }
        foreach (var (id, bookmark) in bookmarks)
            partitions.TryAdd(id, Progress(id, bookmark, watermarks.For(id), expiredBefore));

        return new ReadProgress(partitions.Values.ToArray(), clock.GetUtcNow()) { MissingTopics = watermarks.MissingTopics };
    }

    public int? PartitionFor(string topic, string key) =>
        watermarks.PartitionCount(topic) is { } count ? Murmur2Partitioner.PartitionFor(key, count) : null;

    private static PartitionProgress Progress(PartitionId id, Bookmark bookmark, LogWatermarks? log, DateTimeOffset expiredBefore) => new(
        id,
        bookmark.NextOffset,
        log?.LogStartOffset,
        log?.LogEndOffset,
        bookmark.ObservedThrough,
        bookmark.LostRecords)
    {
        UnbrokenFrom = bookmark.UnbrokenFrom,
        MisplacedFacts = bookmark.MisplacedFacts,
        LogReplaced = bookmark.LogReplaced,
        LogStartTime = log?.LogStartTime,
        WatermarksReadAt = log?.ReadAt,
        WatermarksExpired = log?.ReadAt < expiredBefore,
    };

    private sealed class PartitionOrder : IComparer<PartitionId>
    {
        public static readonly PartitionOrder Instance = new();

        public int Compare(PartitionId x, PartitionId y)
        {
            var byTopic = string.CompareOrdinal(x.Topic, y.Topic);
            return byTopic != 0 ? byTopic : x.Partition.CompareTo(y.Partition);
        }
    }
}
