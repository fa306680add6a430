using Factline.Storage.Queries;

namespace Factline.Storage.Memory;

/// <summary>
/// Rows in timeline order (producer time, then log position), so a page in that order is read from its
/// first row instead of sorting every match. The writer only appends; the first reader after a batch sorts
/// the new rows and merges them in, so ingest pays nothing for the order.
/// </summary>
/// <remarks>
/// Guarded by the store's lock: rows are added under its write lock and read under its read lock, so
/// nothing is added while <see cref="Sorted"/> merges; concurrent readers merge one at a time.
/// </remarks>
internal sealed class TimelineRows
{
    private static readonly FactOrder Order = new(FactSort.Timeline);

    private readonly Lock _merging = new();
    private readonly List<StoredRow> _added = [];
    private StoredRow[] _sorted = [];

    public int Count => _sorted.Length + _added.Count;

    public void Add(StoredRow row) => _added.Add(row);

    /// <summary>Every row in ascending timeline order. The array is never changed afterwards.</summary>
    public StoredRow[] Sorted()
    {
        lock (_merging)
        {
            if (_added.Count > 0)
            {
                _added.Sort(Order);
                _sorted = Merge(_sorted, _added);
                _added.Clear();
            }
            return _sorted;
        }
    }

    private static StoredRow[] Merge(StoredRow[] sorted, List<StoredRow> added)
    {
        var merged = new StoredRow[sorted.Length + added.Count];
        int i = 0, j = 0, k = 0;
        while (i < sorted.Length && j < added.Count)
            merged[k++] = Order.Compare(sorted[i], added[j]) <= 0 ? sorted[i++] : added[j++];
        while (i < sorted.Length)
            merged[k++] = sorted[i++];
        while (j < added.Count)
            merged[k++] = added[j++];
        return merged;
    }
}
