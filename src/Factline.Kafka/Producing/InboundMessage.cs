using System.Text.Json;
using Factline.Envelope;

namespace Factline.Kafka.Producing;

/// <summary>A message that has arrived at a service: recorded as an INGRESS fact by <see cref="FactProducer.RecordIngressAsync"/>.</summary>
public sealed record InboundMessage
{
    public required string CorrelationId { get; init; }
    public required string MessageId { get; init; }
    public string? EventType { get; init; }

    /// <summary>The stage that received the message.</summary>
    public string Stage { get; init; } = "ingress";

    /// <summary>Overrides <see cref="FactProducerOptions.Metadata"/> for this fact.</summary>
    public FactMetadata? Metadata { get; init; }

    public JsonElement? Payload { get; init; }
}
