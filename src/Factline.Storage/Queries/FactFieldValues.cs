using Factline.Envelope;

namespace Factline.Storage.Queries;

/// <summary>
/// Reads a stored fact's value for a <see cref="FactField"/>, the way every store compares it: text
/// as-is (enums by wire name), times as UTC ticks, integers as numbers.
/// </summary>
public static class FactFieldValues
{
    /// <summary>The fact's value for the field, or null when the fact has none (e.g. no messageId).</summary>
    public static FilterValue? Of(StoredFact stored, FactField field)
    {
        var fact = stored.Fact;
        var position = stored.Position;
        return field switch
        {
            FactField.EventId => FilterValue.Of(fact.EventId),
            FactField.CorrelationId => FilterValue.Of(fact.CorrelationId),
            FactField.MessageId => Text(fact.MessageId),
            FactField.RecordType => FilterValue.Of(WireNames.Of(fact.RecordType)),
            FactField.EventType => Text(fact.EventType),
            FactField.Stage => FilterValue.Of(fact.Stage),
            FactField.Outcome => FilterValue.Of(WireNames.Of(fact.Outcome)),
            FactField.Attempt => FilterValue.Of(fact.Attempt),
            FactField.EventTime => FilterValue.Of(fact.Timestamp),
            FactField.BrokerTime => position.BrokerTimestamp is { } broker ? FilterValue.Of(broker) : null,
            FactField.Topic => FilterValue.Of(position.Topic),
            FactField.Partition => FilterValue.Of(position.Partition),
            FactField.Offset => FilterValue.Of(position.Offset),
            FactField.ErrorCode => Text(fact.Error?.Code),
            FactField.MetadataProducer => Text(fact.Metadata?.Producer),
            FactField.MetadataVersion => Text(fact.Metadata?.Version),
            FactField.MetadataSpec => Text(fact.Metadata?.Spec),
            _ => throw new ArgumentOutOfRangeException(nameof(field), field, "not a fact field"),
        };
    }

    /// <summary>
    /// The value a fact sorts by. An absent value sorts as the empty text (text fields) or zero (time
    /// fields), i.e. before every real value when ascending, so that every store orders and pages alike.
    /// </summary>
    public static FilterValue SortKeyOf(StoredFact stored, FactField field) => Of(stored, field) ?? AbsentSortKey(field);

    /// <summary>Where an absent value sorts: see <see cref="SortKeyOf"/>.</summary>
    public static FilterValue AbsentSortKey(FactField field) =>
        FactFields.KindOf(field) == FieldKind.Text ? FilterValue.Of(string.Empty) : FilterValue.Of(0L);

    private static FilterValue? Text(string? value) => value is null ? null : FilterValue.Of(value);
}
