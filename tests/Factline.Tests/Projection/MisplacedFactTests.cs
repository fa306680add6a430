using Factline.Envelope;
using Factline.Kafka;
using Factline.Projection;
using Factline.Storage;
using Factline.Storage.Memory;
using Factline.Tests.Api;
using Factline.Tests.Infrastructure;

namespace Factline.Tests.Projection;

/// <summary>
/// Answers about a correlationId look in the partition Kafka's default partitioner gives it. A fact a producer put
/// elsewhere (keyed by something else, or with another partitioner, as kcat does by default) is stored all the same,
/// counted in its partition's bookmark (which widens those answers to the whole topic), and the operator is told, once
/// per partition.
/// </summary>
[Collection(MockKafkaCollection.Name)]
public sealed class MisplacedFactTests(MockKafkaFixture kafka)
{
    private const int Partitions = 4;

    [Fact]
    public async Task A_fact_outside_its_correlation_s_partition_is_stored_and_reported_once_for_its_partition()
    {
        var topic = kafka.CreateTopic(partitions: Partitions);
        var correlationId = "PO-MISPLACED-1";
        var home = Murmur2Partitioner.PartitionFor(correlationId, Partitions);
        // Keys that Kafka's default partitioner sends elsewhere, as a producer keying by orderId would.
        var otherKey = Enumerable.Range(0, 100).Select(i => $"ORDER-{i}").First(key => Murmur2Partitioner.PartitionFor(key, Partitions) != home);
        var misplaced = new[] { SampleFacts.Execution(correlationId), SampleFacts.Execution(correlationId, "order.completed") };
        foreach (var fact in misplaced)
            await kafka.ProduceRawAsync(topic, otherKey, FactCodec.Encode(fact));
        await kafka.CreateFactProducer(topic).ProduceAsync(SampleFacts.Execution("PO-PLACED-1")); // keyed by its correlationId
        await using var store = new MemoryProjectionStore();
        var logs = new RecordingLoggerProvider();
        using var loggers = LoggerFactory.Create(logging => logging.AddProvider(logs));
        var projector = InProcessProjection.Create(kafka.Options(topic), store, logger: loggers.CreateLogger<Projector>());

        await InProcessProjection.RunUntilAsync(projector, async () => (await store.ReadCountersAsync()).Facts == 3);

        var partition = new PartitionId(topic, Murmur2Partitioner.PartitionFor(otherKey, Partitions));
        var bookmarks = await store.ReadBookmarksAsync();
        Assert.All(bookmarks.Values, bookmark => Assert.Equal(bookmark.Partition == partition ? 2 : 0, bookmark.MisplacedFacts));
        var warning = Assert.Single(logs.Entries, e => e.Level == LogLevel.Warning);
        Assert.StartsWith($"{partition} holds facts whose correlationId belongs in another partition (eventId {misplaced[0].EventId} of {correlationId}, " +
            $"at offset 0, belongs in partition {home} of {Partitions} under Kafka's default partitioner)", warning.Message, StringComparison.Ordinal);
    }
}
