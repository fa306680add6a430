using Factline.Kafka;

namespace Factline.Bench.Corpus;

/// <summary>Where a benchmark's facts are: a pre-loaded topic on the bench's broker, and how many it holds.</summary>
public sealed record TopicSource(string BootstrapServers, string Topic, int Partitions, long Facts)
{
    /// <summary>Client options for a reader of this topic in a consumer group of its own, so it always starts at the beginning.</summary>
    public KafkaOptions KafkaFor(string purpose) => new()
    {
        BootstrapServers = BootstrapServers,
        Topics = [Topic],
        GroupId = $"bench-{purpose}-{Guid.NewGuid():N}",
    };
}
