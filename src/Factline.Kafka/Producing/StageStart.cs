using System.Text.Json;
using Factline.Envelope;

namespace Factline.Kafka.Producing;

/// <summary>One attempt of one stage of a transaction, as it starts. See <see cref="FactProducer.BeginStageAsync"/>.</summary>
public sealed record StageStart
{
    public required string CorrelationId { get; init; }

    /// <summary>The stage name, e.g. "adapter.inventory".</summary>
    public required string Stage { get; init; }

    public string? EventType { get; init; }
    public string? MessageId { get; init; }

    /// <summary>1 for the first try; every retry of the stage counts up.</summary>
    public int Attempt { get; init; } = 1;

    /// <summary>Overrides <see cref="FactProducerOptions.Metadata"/> for this stage's facts.</summary>
    public FactMetadata? Metadata { get; init; }

    /// <summary>Carried by the IN_PROGRESS fact, e.g. the request the stage is about to send.</summary>
    public JsonElement? Payload { get; init; }
}
