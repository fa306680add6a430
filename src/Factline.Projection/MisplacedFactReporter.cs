using Confluent.Kafka;
using Factline.Kafka;
using Factline.Storage;
using Microsoft.Extensions.Logging;

namespace Factline.Projection;

/// <summary>
/// Answers about a correlationId look in the partition Kafka's default partitioner gives it. A fact elsewhere (a producer
/// that keys records by something else, or places them another way) is stored all the same and counted in its partition's
/// bookmark, which widens those answers to every partition of the topic; this tells the operator, once per partition and run.
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

    /// <summary>Whether the fact is outside the partition its correlationId belongs in (unknown, while the topic's partition count is, counts as no).</summary>
    public bool IsMisplaced(ProjectedFact fact)
    {
        var partition = fact.Position.PartitionId;
        if (!_partitionCounts.TryGetValue(partition.Topic, out var count))
            return false;
        var expected = Murmur2Partitioner.PartitionFor(fact.Fact.CorrelationId, count);
        if (expected == partition.Partition)
            return false;
        if (_reported.Add(partition))
            Report(fact, expected, count);
        return true;
    }

    private void Report(ProjectedFact fact, int expected, int count) =>
        logger.LogWarning("{Partition} holds facts whose correlationId belongs in another partition (eventId {EventId} of {CorrelationId}, at offset " +
            "{Offset}, belongs in partition {Expected} of {Count} under Kafka's default partitioner). Producers must key records by correlationId " +
            "with the default (murmur2) partitioner: until a rebuild from a log without such facts, an answer about any correlationId " +
            "of this topic waits for all of its partitions, not only the one the correlationId belongs in",
            fact.Position.PartitionId, fact.Fact.EventId, fact.Fact.CorrelationId, fact.Position.Offset, expected, count);
}
