using Factline.Api.Errors;
using Factline.Api.Events;
using Factline.Envelope;
using Factline.Storage.Queries;

namespace Factline.Api.Queries;

/// <summary>Every attribute a list request can filter and sort on.</summary>
internal static class QueryableAttributes
{
    public static IReadOnlyList<QueryableAttribute> All { get; } =
    [
        new(EventAttributes.Id, FactField.EventId, "The event's id (its eventId)."),
        new(EventAttributes.EventId, FactField.EventId, "The fact's eventId."),
        new(EventAttributes.CorrelationId, FactField.CorrelationId, "The transaction the fact belongs to; results come in timeline order by default."),
        new(EventAttributes.MessageId, FactField.MessageId, "The inbound message the fact records (set on INGRESS facts)."),
        new(EventAttributes.RecordType, FactField.RecordType, "INGRESS or EXECUTION.",
            [.. Enum.GetValues<RecordType>().Select(WireNames.Of)]),
        new(EventAttributes.EventType, FactField.EventType, "The TM Forum event type, e.g. ProductOrderCreateEvent."),
        new(EventAttributes.Stage, FactField.Stage, "The processing stage that reported the fact."),
        new(EventAttributes.Outcome, FactField.Outcome, "What the stage reported.",
            [.. Enum.GetValues<Outcome>().Select(WireNames.Of)]),
        new(EventAttributes.Attempt, FactField.Attempt, "The attempt number (1 for the first try)."),
        new(EventAttributes.EventTime, FactField.EventTime, "The producer's timestamp (RFC 3339 with an offset)."),
        new("error.code", FactField.ErrorCode, "The error code of a failed attempt."),
        new("metadata.producer", FactField.MetadataProducer, "The service that produced the fact."),
        new("metadata.version", FactField.MetadataVersion, "The producing service's version."),
        new("metadata.spec", FactField.MetadataSpec, "The TM Forum specification the producer implements."),
        new("log.topic", FactField.Topic, "The Kafka topic the fact was read from."),
        new("log.partition", FactField.Partition, "The Kafka partition the fact was read from."),
        new("log.offset", FactField.Offset, "The fact's offset in its Kafka partition."),
        new("log.brokerTimestamp", FactField.BrokerTime, "The broker's timestamp of the record (RFC 3339 with an offset)."),
    ];

    private static readonly Dictionary<string, QueryableAttribute> ByName = All.ToDictionary(a => a.Name, StringComparer.Ordinal);

    /// <summary>The attribute called <paramref name="name"/>; anything else is a 400 naming <paramref name="parameter"/>.</summary>
    public static QueryableAttribute Find(string parameter, string name)
    {
        if (ByName.TryGetValue(name, out var attribute))
            return attribute;
        var problem = EventAttributes.All.Contains(name, StringComparer.Ordinal)
            ? $"the attribute '{name}' cannot be filtered or sorted on"
            : $"'{name}' is not a known attribute";
        throw TmfErrorException.InvalidQueryParameter(parameter,
            $"{problem}; queryable attributes: {string.Join(", ", ByName.Keys)}");
    }
}
