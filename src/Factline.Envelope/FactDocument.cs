using System.Text.Json;

namespace Factline.Envelope;

/// <summary>
/// The envelope exactly as it arrives on the wire, before validation: every field optional and
/// loosely typed, so that a bad record yields a precise "field X: problem" instead of a parser stack trace.
/// </summary>
internal sealed class FactDocument
{
    public int? EnvelopeVersion { get; set; }
    public string? EventId { get; set; }
    public string? CorrelationId { get; set; }
    public string? MessageId { get; set; }
    public string? RecordType { get; set; }
    public string? EventType { get; set; }
    public string? Stage { get; set; }
    public string? Outcome { get; set; }
    public int? Attempt { get; set; }
    public string? Timestamp { get; set; }
    public JsonElement? Payload { get; set; }
    public FactError? Error { get; set; }
    public FactMetadata? Metadata { get; set; }
}
