using Factline.Envelope;

namespace Factline.Kafka.Producing;

/// <summary>Where and as whom a service writes its facts.</summary>
public sealed class FactProducerOptions
{
    /// <summary>The cluster (bootstrap servers and extra client settings); topics and group are not used here.</summary>
    public KafkaOptions Kafka { get; set; } = new();

    public string Topic { get; set; } = "tmf.facts";

    /// <summary>Written on every fact this producer creates itself (stages, ingress) unless the caller gives its own.</summary>
    public FactMetadata? Metadata { get; set; }
}
