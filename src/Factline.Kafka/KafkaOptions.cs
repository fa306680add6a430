namespace Factline.Kafka;

/// <summary>Where the facts live. Bound from the "Factline:Kafka" configuration section.</summary>
public sealed class KafkaOptions
{
    public const string Section = "Factline:Kafka";

    public string BootstrapServers { get; set; } = "127.0.0.1:9092";

    /// <summary>The topics whose facts are projected.</summary>
    public List<string> Topics { get; set; } = ["tmf.facts"];

    /// <summary>
    /// Where each quarantined record is also written, with where it was read and why it was refused in its headers
    /// (see <c>docs/guarantees.md</c>); none when empty. Must not be one of <see cref="Topics"/>.
    /// </summary>
    public string? DeadLetterTopic { get; set; }

    /// <summary>The consumer group shared by all instances projecting into one store.</summary>
    public string GroupId { get; set; } = "factline";

    /// <summary>
    /// "consumer" (KIP-848: fast, incremental rebalances; Kafka 4.0 and later) or "classic"
    /// (older clusters; a restarted consumer waits about a session timeout for its partitions).
    /// </summary>
    public string GroupProtocol { get; set; } = "consumer";

    /// <summary>Extra librdkafka settings (security, client.id, ...) applied to every client.</summary>
    public Dictionary<string, string> Client { get; set; } = [];
}
