namespace Factline.Storage.Queries;

/// <summary>
/// A keyset position: the sort value and log position of the last row of the previous page. Walking
/// a large result with a cursor costs the same on every page, unlike a growing offset.
/// </summary>
public sealed record FactCursor(FilterValue SortValue, string Topic, int Partition, long Offset)
{
    /// <summary>The cursor that continues a result sorted by <paramref name="sort"/> after <paramref name="last"/>.</summary>
    public static FactCursor After(StoredFact last, FactSort sort) =>
        new(FactFieldValues.SortKeyOf(last, sort.Field), last.Position.Topic, last.Position.Partition, last.Position.Offset);
}
