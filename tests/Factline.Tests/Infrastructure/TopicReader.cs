using Confluent.Kafka;
using Factline.Kafka;

namespace Factline.Tests.Infrastructure;

/// <summary>Reads a topic back the plain way, without a consumer group: what a test uses to see what is really in the log.</summary>
public static class TopicReader
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Every record the topic holds right now (up to each partition's high watermark at the time of
    /// the call), ordered by partition and offset.
    /// </summary>
    public static IReadOnlyList<ConsumeResult<string?, byte[]?>> ReadAll(string bootstrapServers, string topic, TimeSpan? timeout = null)
    {
        // Whole records, headers included: what a producer wrote is what the tests check.
        var options = new KafkaOptions
        {
            BootstrapServers = bootstrapServers,
            GroupId = $"factline-reader-{Guid.NewGuid():N}",
            Client = { ["dotnet.consumer.consume.result.fields"] = "all" },
        };
        using var consumer = new ConsumerBuilder<string?, byte[]?>(KafkaClientConfigs.ForConsumer(options)).Build();
        var ends = new Dictionary<TopicPartition, long>();
        foreach (var partition in Partitions(bootstrapServers, topic))
        {
            var watermarks = consumer.QueryWatermarkOffsets(partition, RequestTimeout);
            if (watermarks.High > watermarks.Low)
                ends[partition] = watermarks.High;
        }
        consumer.Assign(ends.Keys.Select(p => new TopicPartitionOffset(p, Offset.Beginning)));

        var records = new List<ConsumeResult<string?, byte[]?>>();
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (ends.Count > 0)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
                throw new TimeoutException($"Read {records.Count} records of {topic}; partitions {string.Join(", ", ends.Keys)} did not reach their end.");
            var record = consumer.Consume(left);
            if (record is null)
                continue;
            if (!record.IsPartitionEOF)
                records.Add(record);
            // The end is past the last record, or an EOF beyond it (transaction markers take offsets too).
            var next = record.IsPartitionEOF ? record.Offset.Value : record.Offset.Value + 1;
            if (ends.TryGetValue(record.TopicPartition, out var end) && next >= end)
                ends.Remove(record.TopicPartition);
        }
        return [.. records.OrderBy(r => r.Partition.Value).ThenBy(r => r.Offset.Value)];
    }

    /// <summary>The topic's partitions as the cluster reports them.</summary>
    public static IReadOnlyList<TopicPartition> Partitions(string bootstrapServers, string topic)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers }).Build();
        var metadata = admin.GetMetadata(topic, RequestTimeout).Topics.Single();
        if (metadata.Error.IsError)
            throw new KafkaException(metadata.Error);
        return [.. metadata.Partitions.Select(p => new TopicPartition(topic, p.PartitionId)).OrderBy(p => p.Partition.Value)];
    }
}
