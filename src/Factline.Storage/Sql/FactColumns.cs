using Factline.Storage.Queries;

namespace Factline.Storage.Sql;

/// <summary>
/// The only way a <see cref="FactField"/> becomes SQL: a fixed column per field. Query text is built
/// from these names alone; every value travels as a parameter.
/// </summary>
public static class FactColumns
{
    /// <summary>The columns that make up a <see cref="StoredFact"/>, in the order <see cref="FactRows"/> reads them.</summary>
    public const string Stored = "raw, log_topic, log_partition, log_offset, broker_time";

    public const string Position = "log_topic, log_partition, log_offset";

    public static string Of(FactField field) => field switch
    {
        FactField.EventId => "event_id",
        FactField.CorrelationId => "correlation_id",
        FactField.MessageId => "message_id",
        FactField.RecordType => "record_type",
        FactField.EventType => "event_type",
        FactField.Stage => "stage",
        FactField.Outcome => "outcome",
        FactField.Attempt => "attempt",
        FactField.EventTime => "event_time",
        FactField.BrokerTime => "broker_time",
        FactField.Topic => "log_topic",
        FactField.Partition => "log_partition",
        FactField.Offset => "log_offset",
        FactField.ErrorCode => "error_code",
        FactField.MetadataProducer => "metadata_producer",
        FactField.MetadataVersion => "metadata_version",
        FactField.MetadataSpec => "metadata_spec",
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "not a fact field"),
    };

    /// <summary>
    /// What a field sorts by: the column itself when it always has a value (so an index can deliver
    /// the order), otherwise the column with absent values as the contract's sort key for them.
    /// </summary>
    public static string SortExpression(FactField field) => field switch
    {
        FactField.MessageId or FactField.EventType or FactField.BrokerTime or FactField.ErrorCode
            or FactField.MetadataProducer or FactField.MetadataVersion or FactField.MetadataSpec
            => $"COALESCE({Of(field)}, {(FactFields.KindOf(field) == FieldKind.Text ? "''" : "0")})",
        _ => Of(field),
    };
}
