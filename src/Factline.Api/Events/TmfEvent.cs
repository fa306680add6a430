using System.Text.Json;
using System.Text.Json.Serialization;
using Factline.Envelope;

namespace Factline.Api.Events;

/// <summary>
/// One fact as a TMF688 <c>Event</c>, extended with the envelope fields and the Kafka evidence
/// (<see cref="Log"/>). Absent values are omitted, which is also how <c>fields=</c> leaves attributes out.
/// </summary>
internal sealed class TmfEvent
{
    /// <summary>The fact's eventId.</summary>
    [JsonPropertyName(EventAttributes.Id)]
    public required string Id { get; init; }

    /// <summary>Where this event can be read again, under the base path the request used.</summary>
    [JsonPropertyName(EventAttributes.Href)]
    public required string Href { get; init; }

    [JsonPropertyName(EventAttributes.EventId)]
    public string? EventId { get; init; }

    /// <summary>The producer's timestamp, RFC 3339 with the offset it was written with.</summary>
    [JsonPropertyName(EventAttributes.EventTime)]
    public string? EventTime { get; init; }

    [JsonPropertyName(EventAttributes.EventType)]
    public string? EventType { get; init; }

    [JsonPropertyName(EventAttributes.CorrelationId)]
    public string? CorrelationId { get; init; }

    [JsonPropertyName(EventAttributes.MessageId)]
    public string? MessageId { get; init; }

    /// <summary>INGRESS or EXECUTION.</summary>
    [JsonPropertyName(EventAttributes.RecordType)]
    public string? RecordType { get; init; }

    [JsonPropertyName(EventAttributes.Stage)]
    public string? Stage { get; init; }

    /// <summary>SUCCESS, ERROR, IN_PROGRESS or UNKNOWN.</summary>
    [JsonPropertyName(EventAttributes.Outcome)]
    public string? Outcome { get; init; }

    [JsonPropertyName(EventAttributes.Attempt)]
    public int? Attempt { get; init; }

    [JsonPropertyName(EventAttributes.Error)]
    public FactError? Error { get; init; }

    [JsonPropertyName(EventAttributes.Metadata)]
    public FactMetadata? Metadata { get; init; }

    /// <summary>The fact's payload, as the producer wrote it.</summary>
    [JsonPropertyName(EventAttributes.Event)]
    public JsonElement? Event { get; init; }

    /// <summary>The Kafka record the fact was read from: the evidence behind it.</summary>
    [JsonPropertyName(EventAttributes.Log)]
    public LogEvidence? Log { get; init; }

    /// <summary>Always "Fact".</summary>
    [JsonPropertyName(EventAttributes.Type)]
    public string? Type { get; init; }

    /// <summary>Always "Event".</summary>
    [JsonPropertyName(EventAttributes.BaseType)]
    public string? BaseType { get; init; }
}

/// <summary>A fact's Kafka coordinates and the broker's clock for it (RFC 3339, UTC).</summary>
internal sealed record LogEvidence(string Topic, int Partition, long Offset, string? BrokerTimestamp);
