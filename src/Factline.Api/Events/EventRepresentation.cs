using Factline.Envelope;
using Factline.Storage;

namespace Factline.Api.Events;

/// <summary>Builds the <see cref="TmfEvent"/> for a stored fact, carrying only the selected attributes.</summary>
internal static class EventRepresentation
{
    public const string FactType = "Fact";
    public const string EventBaseType = "Event";

    public static TmfEvent From(StoredFact stored, string href, FieldSelection fields)
    {
        var fact = stored.Fact;
        return new TmfEvent
        {
            Id = fact.EventId,
            Href = href,
            EventId = fields.Includes(EventAttributes.EventId) ? fact.EventId : null,
            EventTime = fields.Includes(EventAttributes.EventTime) ? Rfc3339.Format(fact.Timestamp) : null,
            EventType = fields.Includes(EventAttributes.EventType) ? fact.EventType : null,
            CorrelationId = fields.Includes(EventAttributes.CorrelationId) ? fact.CorrelationId : null,
            MessageId = fields.Includes(EventAttributes.MessageId) ? fact.MessageId : null,
            RecordType = fields.Includes(EventAttributes.RecordType) ? WireNames.Of(fact.RecordType) : null,
            Stage = fields.Includes(EventAttributes.Stage) ? fact.Stage : null,
            Outcome = fields.Includes(EventAttributes.Outcome) ? WireNames.Of(fact.Outcome) : null,
            Attempt = fields.Includes(EventAttributes.Attempt) ? fact.Attempt : null,
            Error = fields.Includes(EventAttributes.Error) ? fact.Error : null,
            Metadata = fields.Includes(EventAttributes.Metadata) ? fact.Metadata : null,
            Event = fields.Includes(EventAttributes.Event) ? fact.Payload : null,
            Log = fields.Includes(EventAttributes.Log) ? LogEvidence.Of(stored.Position) : null,
            Type = fields.Includes(EventAttributes.Type) ? FactType : null,
            BaseType = fields.Includes(EventAttributes.BaseType) ? EventBaseType : null,
        };
    }
}
