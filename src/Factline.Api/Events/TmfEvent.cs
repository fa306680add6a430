using Factline.Storage;
using System.ComponentModel;
using System.Text.Json.Serialization;
using Factline.Api.OpenApi;
using Factline.Envelope;

namespace Factline.Api.Events;

/// <summary>
/// One fact as a TMF688 <c>Event</c>, extended with the envelope fields and the Kafka evidence
/// (<see cref="Log"/>). Absent values are omitted, which is also how <c>fields=</c> leaves attributes out.
/// </summary>
[Description("A fact as a TMF688 Event, extended with the fact envelope and the Kafka record it was read from.")]
internal sealed class TmfEvent
{
    [JsonPropertyName(EventAttributes.Id)]
    [Description("The fact's eventId.")]
    public required string Id { get; init; }

    [JsonPropertyName(EventAttributes.Href)]
    [Description("Where this event can be read again, under the base path the request used.")]
    public required string Href { get; init; }

    [JsonPropertyName(EventAttributes.EventId)]
    [Description("The identifier the producer gave the fact.")]
    public string? EventId { get; init; }

    [JsonPropertyName(EventAttributes.EventTime)]
    [Description("The producer's timestamp, with the offset it was written with.")]
    [Rfc3339Text]
    public string? EventTime { get; init; }

    [JsonPropertyName(EventAttributes.EventType)]
    [Description("The TM Forum event type, e.g. ProductOrderCreateEvent.")]
    public string? EventType { get; init; }

    [JsonPropertyName(EventAttributes.CorrelationId)]
    [Description("The transaction the fact belongs to.")]
    public string? CorrelationId { get; init; }

    [JsonPropertyName(EventAttributes.MessageId)]
    [Description("The inbound message an INGRESS fact records.")]
    public string? MessageId { get; init; }

    [JsonPropertyName(EventAttributes.RecordType)]
    [Description("INGRESS or EXECUTION.")]
    public string? RecordType { get; init; }

    [JsonPropertyName(EventAttributes.Stage)]
    [Description("The processing stage that reported the fact.")]
    public string? Stage { get; init; }

    [JsonPropertyName(EventAttributes.Outcome)]
    [Description("SUCCESS, ERROR, IN_PROGRESS or UNKNOWN.")]
    public string? Outcome { get; init; }

    [JsonPropertyName(EventAttributes.Attempt)]
    [Description("The attempt number, 1 for the first try.")]
    public int? Attempt { get; init; }

    [JsonPropertyName(EventAttributes.Error)]
    [Description("What went wrong in a failed attempt.")]
    public FactError? Error { get; init; }

    [JsonPropertyName(EventAttributes.Metadata)]
    [Description("The producing service, its version and the TM Forum specification it implements.")]
    public FactMetadata? Metadata { get; init; }

    [JsonPropertyName(EventAttributes.Event)]
    [Description("The fact's payload, as the producer wrote it.")]
    public RawJson? Event { get; init; }

    [JsonPropertyName(EventAttributes.Log)]
    [Description("The Kafka record the fact was read from: the evidence behind it.")]
    public LogEvidence? Log { get; init; }

    [JsonPropertyName(EventAttributes.Type)]
    [Description("Always Fact.")]
    public string? Type { get; init; }

    [JsonPropertyName(EventAttributes.BaseType)]
    [Description("Always Event.")]
    public string? BaseType { get; init; }
}

[Description("A fact's Kafka coordinates and the broker's clock for it.")]
internal sealed record LogEvidence(
    string Topic,
    int Partition,
    long Offset,
    [property: Description("The broker's timestamp of the record, in UTC; absent when the broker gave none."), Rfc3339Text] string? BrokerTimestamp)
{
    public static LogEvidence Of(LogPosition position) => new(
        position.Topic,
        position.Partition,
        position.Offset,
        position.BrokerTimestamp is { } broker ? Rfc3339.Format(broker) : null);
}
