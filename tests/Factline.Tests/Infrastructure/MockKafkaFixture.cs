using System.Runtime.CompilerServices;
using System.Text;
using Confluent.Kafka;
using Factline.Kafka;
using Factline.Kafka.Mock;
using Factline.Kafka.Producing;
using Factline.Storage;

namespace Factline.Tests.Infrastructure;

/// <summary>
/// One in-process mock Kafka cluster shared by the tests of a class (<c>IClassFixture&lt;MockKafkaFixture&gt;</c>)
/// or a collection (<c>[Collection(MockKafkaCollection.Name)]</c>). Tests stay independent by each
/// creating their own uniquely named topics and consumer groups.
/// </summary>
/// <remarks>
/// Fault injection (<see cref="MockCluster.SetBrokerDown"/>, request errors, round-trip time) is
/// cluster-wide: a test that injects faults should own a <see cref="MockCluster"/> of its own.
/// </remarks>
public sealed class MockKafkaFixture : IDisposable
{
    private static readonly TimeSpan DefaultConsumeTimeout = TimeSpan.FromSeconds(30);
    private static int _topicSequence;

    private readonly Lazy<IProducer<string?, byte[]?>> _rawProducer;

    public MockKafkaFixture()
    {
        Cluster = new MockCluster();
        _rawProducer = new(() => new ProducerBuilder<string?, byte[]?>(KafkaClientConfigs.ForProducer(Options())).Build());
    }

    public MockCluster Cluster { get; }

    public string BootstrapServers => Cluster.BootstrapServers;

    /// <summary>Creates a topic whose name starts with the calling test's name and is unique in the run.</summary>
    public string CreateTopic(int partitions = 1, [CallerMemberName] string prefix = "topic")
    {
        var name = $"{TopicSafe(prefix)}.{Interlocked.Increment(ref _topicSequence)}";
        Cluster.CreateTopic(name, partitions);
        return name;
    }

    /// <summary>Kafka options for this cluster with the given topics and a consumer group no other test uses.</summary>
    public KafkaOptions Options(params string[] topics) => new()
    {
        BootstrapServers = BootstrapServers,
        Topics = [.. topics],
        GroupId = $"factline-test-{Guid.NewGuid():N}",
    };

    public FactProducer CreateFactProducer(string topic, TimeProvider? timeProvider = null) =>
        new(new FactProducerOptions { Kafka = Options(), Topic = topic }, timeProvider);

    /// <summary>Writes any bytes (not necessarily a fact) to a topic: for malformed-record tests.</summary>
    public async Task<LogPosition> ProduceRawAsync(string topic, string? key, byte[]? value)
    {
        var delivery = await _rawProducer.Value.ProduceAsync(topic, new Message<string?, byte[]?> { Key = key, Value = value });
        return KafkaLogPosition.Of(delivery);
    }

    public Task<LogPosition> ProduceRawAsync(string topic, string? key, string value) =>
        ProduceRawAsync(topic, key, Encoding.UTF8.GetBytes(value));

    /// <summary>
    /// Reads every record the topic holds right now (up to each partition's high watermark at the
    /// time of the call), ordered by partition and offset. Uses no consumer group.
    /// </summary>
    public IReadOnlyList<ConsumeResult<string?, byte[]?>> ConsumeAll(string topic, TimeSpan? timeout = null)
    {
        using var consumer = new ConsumerBuilder<string?, byte[]?>(KafkaClientConfigs.ForConsumer(Options(topic))).Build();
        var remaining = new Dictionary<TopicPartition, long>();
        foreach (var partition in Partitions(topic))
        {
            var watermarks = consumer.QueryWatermarkOffsets(partition, TimeSpan.FromSeconds(10));
            if (watermarks.High > watermarks.Low)
                remaining[partition] = watermarks.High;
        }
        consumer.Assign(remaining.Keys.Select(p => new TopicPartitionOffset(p, Offset.Beginning)));

        var records = new List<ConsumeResult<string?, byte[]?>>();
        var deadline = DateTime.UtcNow + (timeout ?? DefaultConsumeTimeout);
        while (remaining.Count > 0)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
                throw new TimeoutException($"Read {records.Count} records of {topic}; partitions {string.Join(", ", remaining.Keys)} did not reach their end.");
            var record = consumer.Consume(left);
            if (record is null)
                continue;
            if (!record.IsPartitionEOF)
                records.Add(record);
            // The end is reached past the last record, or at an EOF beyond it (transaction markers take offsets too).
            var next = record.IsPartitionEOF ? record.Offset.Value : record.Offset.Value + 1;
            if (remaining.TryGetValue(record.TopicPartition, out var end) && next >= end)
                remaining.Remove(record.TopicPartition);
        }
        return [.. records.OrderBy(r => r.Partition.Value).ThenBy(r => r.Offset.Value)];
    }

    /// <summary>The topic's partitions as the cluster reports them.</summary>
    public IReadOnlyList<TopicPartition> Partitions(string topic)
    {
        using var admin = new AdminClientBuilder(KafkaClientConfigs.ForAdmin(Options())).Build();
        var metadata = admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics.Single();
        if (metadata.Error.IsError)
            throw new KafkaException(metadata.Error);
        return [.. metadata.Partitions.Select(p => new TopicPartition(topic, p.PartitionId)).OrderBy(p => p.Partition.Value)];
    }

    public void Dispose()
    {
        if (_rawProducer.IsValueCreated)
            _rawProducer.Value.Dispose();
        Cluster.Dispose();
    }

    /// <summary>Kafka topic names allow letters, digits, '.', '_' and '-'.</summary>
    private static string TopicSafe(string text)
    {
        var safe = new string([.. text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '_')]);
        return safe.Length > 200 ? safe[..200] : safe;
    }
}
