using Factline.Storage.Queries;

namespace Factline.Storage.Memory;

/// <summary>Answers a <see cref="FactQuery"/> from a <see cref="FactTable"/>: index or scan, filter, order, page.</summary>
internal static class FactSearch
{
    public static FactPage Run(FactTable table, FactQuery query)
    {
        var matches = table.Candidates(query.Filters)
            .Where(row => query.Filters.All(filter => FactFilterMatch.Matches(row.Envelope, filter)))
            .ToList();

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
}
