namespace Factline.Storage.Queries;

/// <summary>Every fact attribute a store can filter and sort on.</summary>
public enum FactField
{
    EventId,
    CorrelationId,
    MessageId,
    RecordType,
    EventType,
    Stage,
    Outcome,
    Attempt,
    EventTime,
    BrokerTime,
    Topic,
    Partition,
    Offset,
    ErrorCode,
    MetadataProducer,
    MetadataVersion,
    MetadataSpec,
}

/// <summary>How a field's values compare: as text, as whole numbers, or as instants (UTC ticks).</summary>
public enum FieldKind
{
    Text,
    Integer,
    Time,
}

public static class FactFields
{
    public static FieldKind KindOf(FactField field) => field switch
    {
        FactField.Attempt or FactField.Partition or FactField.Offset => FieldKind.Integer,
        FactField.EventTime or FactField.BrokerTime => FieldKind.Time,
        _ => FieldKind.Text,
    };
}
