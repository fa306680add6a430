using Factline.Storage.Queries;

namespace Factline.Storage.Memory;

/// <summary>
/// A <see cref="FactSort"/> as a comparer: the sort key, then log position, all reversed when descending.
/// Also places a row relative to a <see cref="FactCursor"/>.
/// </summary>
internal sealed class FactOrder(FactSort sort) : IComparer<StoredRow>
{
    private readonly FieldKind _kind = FactFields.KindOf(sort.Field);

    public int Compare(StoredRow? x, StoredRow? y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var key = FactFieldValues.SortKeyOf(y.Envelope, sort.Field);
        var position = y.Position;
        return Compare(x, key, position.Topic, position.Partition, position.Offset);
    }

    /// <summary>Whether the row comes strictly after the cursor in this order.</summary>
    public bool IsAfter(StoredRow row, FactCursor cursor) =>
        Compare(row, cursor.SortValue, cursor.Topic, cursor.Partition, cursor.Offset) > 0;

    private int Compare(StoredRow row, FilterValue otherKey, string otherTopic, int otherPartition, long otherOffset)
    {
        var key = FactFieldValues.SortKeyOf(row.Envelope, sort.Field);
        var byKey = FilterValueOrder.Compare(_kind, key, otherKey);
        var result = byKey != 0
            ? byKey
            : LogPositionOrder.Compare(row.Position.Topic, row.Position.Partition, row.Position.Offset, otherTopic, otherPartition, otherOffset);
        return sort.Descending ? -result : result;
    }
}
