namespace Factline.Api.Events;

/// <summary>The first-level attribute names of the <see cref="TmfEvent"/> representation, as <c>fields=</c> selects them.</summary>
internal static class EventAttributes
{
    public const string Id = "id";
    public const string Href = "href";
    public const string EventId = "eventId";
    public const string EventTime = "eventTime";
    public const string EventType = "eventType";
    public const string CorrelationId = "correlationId";
    public const string MessageId = "messageId";
    public const string RecordType = "recordType";
    public const string Stage = "stage";
    public const string Outcome = "outcome";
    public const string Attempt = "attempt";
    public const string Error = "error";
    public const string Metadata = "metadata";
    public const string Event = "event";
    public const string Log = "log";
    public const string Type = "@type";
    public const string BaseType = "@baseType";

    /// <summary>Every first-level attribute, in the order a representation lists them.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Id, Href, EventId, EventTime, EventType, CorrelationId, MessageId, RecordType, Stage, Outcome,
        Attempt, Error, Metadata, Event, Log, Type, BaseType,
    ];
}
