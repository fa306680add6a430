namespace Factline.Envelope;

/// <summary>
/// One immutable fact emitted by a service (envelope version 1). Facts are never changed after
/// they are written to Kafka; everything Factline shows is derived from them.
/// </summary>
public sealed record Fact
{
    /// <summary>The envelope version this model reads and writes.</summary>
    public const int CurrentEnvelopeVersion = 1;

    public required string EventId { get; init; }
    public required string CorrelationId { get; init; }
    public string? MessageId { get; init; }
    public required RecordType RecordType { get; init; }
    public string? EventType { get; init; }
    public required string Stage { get; init; }
    public required Outcome Outcome { get; init; }
    public int Attempt { get; init; } = 1;

    /// <summary>The producer's clock, with the offset it was written with.</summary>
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>Any JSON the producer attached, kept as its text.</summary>
    public RawJson? Payload { get; init; }
    public FactError? Error { get; init; }
    public FactMetadata? Metadata { get; init; }
}

/// <summary>Details of a failed attempt.</summary>
public sealed record FactError
{
    public string? Code { get; init; }
    public string? Message { get; init; }
    public bool? Retryable { get; init; }
}

/// <summary>Who produced a fact: service name, its version and the TM Forum spec it implements.</summary>
public sealed record FactMetadata
{
    public string? Producer { get; init; }
    public string? Version { get; init; }
    public string? Spec { get; init; }
}
