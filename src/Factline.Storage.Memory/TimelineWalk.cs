using Factline.Storage.Queries;

namespace Factline.Storage.Memory;

/// <summary>
/// Reads rows from several <see cref="TimelineRows"/> as one sequence in a timeline sort (ascending or
/// descending), starting just after a cursor: a binary search into each, then a merge that reads only
/// as many rows as the caller takes.
/// </summary>
internal static class TimelineWalk
{
    public static IEnumerable<StoredRow> From(IEnumerable<StoredRow[]> sources, FactSort sort, FactCursor? after)
    {
        var order = new FactOrder(sort);
        var heads = new PriorityQueue<Source, StoredRow>(order);
        foreach (var rows in sources)
        {
            var source = new Source(rows, sort.Descending, FirstAfter(rows, sort.Descending, order, after));
            if (source.HasRow)
                heads.Enqueue(source, source.Row);
        }
        while (heads.TryDequeue(out var source, out var row))
        {
            yield return row;
            var next = source.Next();
            if (next.HasRow)
                heads.Enqueue(next, next.Row);
        }
    }

    /// <summary>The first step (in the sort's direction) whose row comes after the cursor: rows after it form a suffix.</summary>
    private static int FirstAfter(StoredRow[] rows, bool descending, FactOrder order, FactCursor? after)
    {
        if (after is null)
            return 0;
        int low = 0, high = rows.Length;
        while (low < high)
        {
            var middle = low + (high - low) / 2;
            if (order.IsAfter(new Source(rows, descending, middle).Row, after))
                high = middle;
            else
                low = middle + 1;
        }
        return low;
    }

    /// <summary>One ascending array read from its start, or from its end when descending; <see cref="Step"/> counts rows read.</summary>
    private readonly record struct Source(StoredRow[] Rows, bool Descending, int Step)
    {
        public bool HasRow => Step < Rows.Length;
        public StoredRow Row => Rows[Descending ? Rows.Length - 1 - Step : Step];
        public Source Next() => this with { Step = Step + 1 };
    }
}
