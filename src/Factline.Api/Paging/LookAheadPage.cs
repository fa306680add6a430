using Factline.Storage;
using Factline.Storage.Queries;

namespace Factline.Api.Paging;

/// <summary>
/// A page read with one row more than asked for: the extra row is never shown, it only proves that
/// a next page exists, so the last page carries no cursor and no client fetches an empty page.
/// </summary>
internal sealed record LookAheadPage(IReadOnlyList<StoredFact> Items, long? Total, bool HasMore)
{
    public static async Task<LookAheadPage> ReadAsync(IFactReader facts, FactQuery query, CancellationToken cancellationToken)
    {
        var found = await facts.QueryAsync(query with { Limit = query.Limit + 1 }, cancellationToken);
        var hasMore = found.Items.Count > query.Limit;
        var items = hasMore ? found.Items.Take(query.Limit).ToList() : found.Items;
        return new LookAheadPage(items, found.Total, hasMore);
    }
}
