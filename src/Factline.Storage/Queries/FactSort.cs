namespace Factline.Storage.Queries;

/// <summary>
/// The order of a result. Ties are always broken by log position (topic, partition, offset), so every
/// order is total and stable across pages; descending is the exact reverse of ascending, tie-break included.
/// Absent values sort as the empty text or zero (see <see cref="FactFieldValues.SortKeyOf"/>).
/// The default is the timeline order: producer time, then log position.
/// </summary>
public sealed record FactSort(FactField Field, bool Descending = false)
{
    public static readonly FactSort Timeline = new(FactField.EventTime);
}
