namespace Factline.Storage.Queries;

/// <summary>One page of a result; <paramref name="Total"/> is null when the query did not ask for it.</summary>
public sealed record FactPage(IReadOnlyList<StoredFact> Items, long? Total)
{
    /// <summary>
    /// The total that a page of <paramref name="itemCount"/> items proves by itself, or null: it started at
    /// a known position (no cursor) and came back short, so no match follows it. A transaction's timeline
    /// is such a page, and needs no count.
    /// </summary>
    public static long? TotalProvenBy(FactQuery query, int itemCount) =>
        query.After is null && itemCount < query.Limit && (itemCount > 0 || query.Offset == 0) ? query.Offset + itemCount : null;
}
