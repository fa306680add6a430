using Factline.Bench.Corpus;
using Factline.Storage;
using Factline.Storage.Queries;

namespace Factline.Bench.Queries;

/// <summary>The in-process queries, built from the corpus samples exactly as the API would build them.</summary>
internal static class QueryScenarios
{
    private const int PageSize = 100;

    public static async Task<IReadOnlyList<QueryScenario>> CreateAsync(IFactReader store, CorpusSamples samples, CancellationToken cancellationToken)
    {
        var eventIds = samples.EventIds.ToArray();
        var timelines = samples.CorrelationIds.Select(id => FactQuery.ForCorrelation(id)).ToArray();
        var searches = samples.Searches.Select(s => Search(s)).ToArray();
        var searchesWithoutTotal = searches.Select(q => q with { IncludeTotal = false }).ToArray();
        var pages = await KeysetPagesAsync(store, eventIds, cancellationToken);

        return
        [
            new(QueryKinds.EventId, eventIds.Length, MustFindFacts: true,
                async (i, ct) => await store.FindAsync(eventIds[i], ct) is null ? 0 : 1),
            Paged(store, QueryKinds.Timeline, timelines, mustFindFacts: true),
            Paged(store, QueryKinds.Search, searches, mustFindFacts: true),
            Paged(store, QueryKinds.SearchWithoutTotal, searchesWithoutTotal, mustFindFacts: true),
            // A page just after the very last fact is rightly empty.
            Paged(store, QueryKinds.KeysetPage, pages, mustFindFacts: false),
        ];
    }

    /// <summary>Three equality filters and a page of 100, counting the total as the API does by default.</summary>
    private static FactQuery Search(SearchSample sample) => new()
    {
        Filters =
        [
            FactFilter.Is(FactField.EventType, sample.EventType),
            FactFilter.Is(FactField.Stage, sample.Stage),
            FactFilter.Is(FactField.Outcome, sample.Outcome),
        ],
        Limit = PageSize,
    };

    /// <summary>
    /// Pages through all facts in timeline order, each starting after a randomly sampled fact: a client
    /// that has followed the cursor deep into the log. Cursor clients have the total already, so none is counted.
    /// </summary>
    private static async Task<FactQuery[]> KeysetPagesAsync(IFactReader store, string[] eventIds, CancellationToken cancellationToken)
    {
        var pages = new List<FactQuery>(eventIds.Length);
        foreach (var eventId in eventIds)
        {
            var stored = await store.FindAsync(eventId, cancellationToken)
                ?? throw new InvalidOperationException($"The sampled eventId {eventId} is not in the store.");
            pages.Add(new FactQuery { Limit = PageSize, After = FactCursor.After(stored, FactSort.Timeline), IncludeTotal = false });
        }
        return [.. pages];
    }

    private static QueryScenario Paged(IFactReader store, string name, FactQuery[] queries, bool mustFindFacts) =>
        new(name, queries.Length, mustFindFacts, async (i, ct) => (await store.QueryAsync(queries[i], ct)).Items.Count);
}
