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

    /// <summary>Every record the topic holds right now, ordered by partition and offset. See <see cref="TopicReader.ReadAll"/>.</summary>
    public IReadOnlyList<ConsumeResult<string?, byte[]?>> ConsumeAll(string topic, TimeSpan? timeout = null) =>
        TopicReader.ReadAll(BootstrapServers, topic, timeout);

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
