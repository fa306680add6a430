using Factline.Kafka;
using Factline.Projection.Evidence;
using Factline.Storage;

namespace Factline.Tests.Infrastructure;

/// <summary>Read progress fixed by a test: the log as the test says it stands, with Kafka's key placement.</summary>
/// <param name="takenAt">When the snapshot is taken (this machine's clock); now when not given.</param>
/// <param name="missingTopics">Configured topics the cluster lacks.</param>
public sealed class FixedReadProgress(
    IReadOnlyList<PartitionProgress> partitions, DateTimeOffset? takenAt = null, IReadOnlyList<string>? missingTopics = null) : IReadProgressSource
{
    /// <summary>Every partition of <paramref name="topic"/> read to its end at <paramref name="logEnd"/>.</summary>
    public static FixedReadProgress CaughtUp(string topic, int partitions = 1, long logEnd = 100) =>
        new([.. Enumerable.Range(0, partitions).Select(p => new PartitionProgress(new PartitionId(topic, p), logEnd, 0, logEnd, null, 0))]);

    public Task<ReadProgress> CurrentAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(new ReadProgress(partitions, takenAt ?? DateTimeOffset.UtcNow) { MissingTopics = missingTopics ?? [] });

    public int? PartitionFor(string topic, string key) =>
        partitions.Count(p => p.Partition.Topic == topic) is > 0 and var count ? Murmur2Partitioner.PartitionFor(key, count) : null;
}
