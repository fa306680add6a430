using Confluent.Kafka;
using Factline.Kafka;
using Factline.Storage;
using Microsoft.Extensions.Logging;

namespace Factline.Projection;

/// <summary>
/// Answers about a correlationId look in the partition Kafka's default partitioner gives it: a fact elsewhere (a producer
/// that keys records by something else, or places them another way) can be missed by "not found" and completeness. Such
/// a fact is stored all the same; this tells the operator, once per partition and run.
/// </summary>
internal sealed class MisplacedFactReporter(ILogger logger)
{
    /// <summary>Each projected topic's partition count, read at every assignment: where a correlationId belongs.</summary>
    private readonly Dictionary<string, int> _partitionCounts = [];

    private readonly HashSet<PartitionId> _reported = [];

    /// <summary>
    /// Through the consumer's own connection: a consumer's metadata request never creates a topic it names. A topic whose
    /// count cannot be read now keeps the one read before, or goes unchecked: this report must never stop the projector.
    /// </summary>
    public void ReadPartitionCounts(IClient consumer, IEnumerable<string> topics, TimeSpan timeout)
    {
        using var admin = new DependentAdminClientBuilder(consumer.Handle).Build();
        foreach (var topic in topics)
        {
            try
            {
                if (admin.GetMetadata(topic, timeout).Topics.SingleOrDefault(t => t.Topic == topic) is { Error.IsError: false } metadata)
                    _partitionCounts[topic] = metadata.Partitions.Count;
            }
            catch (KafkaException e)
            {
                logger.LogDebug("Could not read the partition count of {Topic}: {Reason}", topic, e.Error.Reason);
            }
        }
    }

    public void Check(ProjectedFact fact)
    {
        var partition = fact.Position.PartitionId;
        if (!_partitionCounts.TryGetValue(partition.Topic, out var count) || _reported.Contains(partition))
            return;
        var expected = Murmur2Partitioner.PartitionFor(fact.Fact.CorrelationId, count);
        if (expected == partition.Partition)
            return;
        _reported.Add(partition);
        logger.LogWarning("{Partition} holds facts whose correlationId belongs in another partition (eventId {EventId} of {CorrelationId}, at offset " +
            "{Offset}, belongs in partition {Expected} of {Count} under Kafka's default partitioner). Producers must key records by correlationId " +
            "with the default (murmur2) partitioner: answers about a correlationId look in the partition it belongs in, so 'not found' and " +
            "completeness can miss such facts",
            partition, fact.Fact.EventId, fact.Fact.CorrelationId, fact.Position.Offset, expected, count);
    }
}
