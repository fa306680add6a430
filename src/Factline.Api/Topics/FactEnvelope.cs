using System.ComponentModel;
using System.Text.Json;
using Factline.Api.OpenApi;
using Factline.Envelope;

namespace Factline.Api.Topics;

/// <summary>
/// The request body of <c>POST /topic/{topicId}/event</c> as the OpenAPI document describes it: the fact
/// envelope (docs/envelope.md). The body itself is read by <see cref="FactCodec"/>, the same decoder the
/// projector uses, so the API accepts exactly what the projector would.
/// </summary>
[Description("A fact envelope, version 1 (docs/envelope.md). Unknown members are tolerated, as on the wire.")]
internal sealed class FactEnvelope
{
    [Description("The fact's stable, unique id: 1 to 256 characters, not blank, no control characters. Posting it again is idempotent.")]
    public required string EventId { get; init; }

    [Description("The transaction the fact belongs to, and the Kafka record key: 1 to 256 characters, not blank, no control characters.")]
    public required string CorrelationId { get; init; }

    [Description("The inbound message an INGRESS fact records: 1 to 256 characters, not blank, no control characters.")]
    public string? MessageId { get; init; }

    [Description("INGRESS (a message arrived) or EXECUTION (work was done for it).")]
    public required string RecordType { get; init; }

    [Description("The TM Forum event type, e.g. ProductOrderCreateEvent: 1 to 256 characters, not blank, no control characters.")]
    public string? EventType { get; init; }

    [Description("The processing stage that reports the fact, e.g. validation or adapter.inventory: 1 to 256 characters, not blank, no control characters.")]
    public required string Stage { get; init; }

    [Description("SUCCESS, ERROR, IN_PROGRESS or UNKNOWN.")]
    public required string Outcome { get; init; }

    [Description("The attempt number, 1 or more; 1 when absent.")]
    public int? Attempt { get; init; }

    [Description("The producer's clock, RFC 3339 with an offset (Z or +01:00); kept as written.")]
    [Rfc3339Text]
    public required string Timestamp { get; init; }

    [Description("What went wrong in a failed attempt.")]
    public FactError? Error { get; init; }

    [Description("Any JSON; served verbatim as the event's event attribute.")]
    public JsonElement? Payload { get; init; }

    [Description("The producing service, its version and the TM Forum specification it implements.")]
    public FactMetadata? Metadata { get; init; }

    [Description("The envelope version; 1 when absent, and any other value is refused.")]
    public int? EnvelopeVersion { get; init; }
}
