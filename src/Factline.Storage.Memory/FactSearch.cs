using Factline.Storage.Queries;

namespace Factline.Storage.Memory;

/// <summary>
/// Answers a <see cref="FactQuery"/> from a <see cref="FactTable"/>. A page in timeline order is read in
/// order from the timeline indexes, from the cursor on; any other order filters and sorts the candidates.
/// </summary>
internal static class FactSearch
{
    public static FactPage Run(FactTable table, FactQuery query) =>
        query.Sort.Field == FactField.EventTime && table.InTimelineOrder(query.Filters) is { } ordered
            ? InTimelineOrder(table, ordered, query)
            : Sorted(table, query);

    private static FactPage InTimelineOrder(FactTable table, IReadOnlyList<TimelineRows> ordered, FactQuery query)
    {
        var items = TimelineWalk.From(ordered.Select(rows => rows.Sorted()), query.Sort, query.After)
            .Where(row => Matches(row, query.Filters))
            .Skip(query.After is null ? query.Offset : 0)
            .Take(query.Limit)
            .Select(row => row.Read())
            .ToList();
        long? total = !query.IncludeTotal ? null
            // The ordered rows are exactly the groups the filters select: their sizes are the total.
            : FactGroup.CountsAnswer(query.Filters) ? ordered.Sum(rows => (long)rows.Count)
            : FactPage.TotalProvenBy(query, items.Count) ?? table.Candidates(query.Filters).Count(row => Matches(row, query.Filters));
        return new FactPage(items, total);
    }

    private static FactPage Sorted(FactTable table, FactQuery query)
    {
        var matches = table.Candidates(query.Filters).Where(row => Matches(row, query.Filters)).ToList();

        var order = new FactOrder(query.Sort);
        IEnumerable<StoredRow> rest = query.After is { } cursor ? matches.Where(row => order.IsAfter(row, cursor)) : matches;
        // Order().Skip().Take() sorts only as far as the page needs.
        var items = rest
            .Order(order)
            .Skip(query.After is null ? query.Offset : 0)
            .Take(query.Limit)
            .Select(row => row.Read())
            .ToList();
        return new FactPage(items, query.IncludeTotal ? matches.Count : null);
    }

    private static bool Matches(StoredRow row, IReadOnlyList<FactFilter> filters) =>
        filters.All(filter => FactFilterMatch.Matches(row.Envelope, filter));
}
