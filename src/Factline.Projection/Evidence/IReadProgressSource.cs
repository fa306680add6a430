namespace Factline.Projection.Evidence;

/// <summary>Where query handlers get the evidence for their answers.</summary>
public interface IReadProgressSource
{
    /// <summary>
    /// The current progress. Callers that decide "not found" take it BEFORE they query the store, so a
    /// fact applied in between can only make the answer more cautious, never wrong.
    /// </summary>
    Task<ReadProgress> CurrentAsync(CancellationToken cancellationToken = default);

    /// <summary>The partition a record with this key goes to (Kafka's default murmur2 partitioner), when the topic is known.</summary>
    int? PartitionFor(string topic, string key);
}
