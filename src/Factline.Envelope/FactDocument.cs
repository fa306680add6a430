namespace Factline.Envelope;

/// <summary>
/// The envelope exactly as it arrives on the wire, before validation: every field optional and
/// loosely typed, so that a bad record yields a precise "field X: problem" instead of a parser stack trace.
/// The payload is only located: its bytes are the record's own.
/// </summary>
internal struct FactDocument
{
    public int? EnvelopeVersion;
    public string? EventId;
    public string? CorrelationId;
    public string? MessageId;
    public string? RecordType;
    public string? EventType;
    public string? Stage;
    public string? Outcome;
    public int? Attempt;

    /// <summary>The timestamp, when the reader could read it from the bytes in the shape producers write.</summary>
    public DateTimeOffset? Timestamp;

    /// <summary>The timestamp's text when it has another shape: to parse in full, or to quote in the problem.</summary>
    public string? TimestampText;

    /// <summary>Where the payload's JSON value lies in the record; null when it is absent or JSON null.</summary>
    public Range? Payload;

    public FactError? Error;
    public FactMetadata? Metadata;
}
