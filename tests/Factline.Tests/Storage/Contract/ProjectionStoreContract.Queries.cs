using Factline.Storage;
using Factline.Storage.Queries;

namespace Factline.Tests.Storage.Contract;

/// <summary>Queries over the corpus: the cases of queries.json, paging walks, totals and malformed queries.</summary>
public abstract partial class ProjectionStoreContract
{
    [Theory]
    [MemberData(nameof(QueryCases.Names), MemberType = typeof(QueryCases))]
    public async Task Query_returns_the_expected_facts_in_order(string name)
    {
        var store = await NewCorpusStoreAsync();
        var queryCase = QueryCases.Get(name);

        var page = await store.QueryAsync(queryCase.Query);

        StoreAssert.EventIds(queryCase.Expected, page.Items);
        Assert.Equal(queryCase.Total, page.Total);
    }

    [Theory]
    [MemberData(nameof(QueryCases.Names), MemberType = typeof(QueryCases))]
    public async Task Walking_pages_by_cursor_or_by_offset_returns_the_whole_result(string name)
    {
        var store = await NewCorpusStoreAsync();
        var whole = QueryCases.Get(name).Query with { Offset = 0, Limit = 1000, After = null };
        var expected = (await store.QueryAsync(whole)).Items.Select(f => f.Fact.EventId).ToList();

        Assert.Equal(expected, await WalkAsync(store, whole, (query, last, _) => query with { After = FactCursor.After(last, query.Sort) }));
        Assert.Equal(expected, await WalkAsync(store, whole, (query, _, seen) => query with { Offset = seen }));
    }

    [Fact]
    public async Task Total_is_left_out_when_not_asked_for()
    {
        var store = await NewCorpusStoreAsync();

        var page = await store.QueryAsync(new FactQuery { IncludeTotal = false, Limit = 3 });

        Assert.Null(page.Total);
        StoreAssert.EventIds(["po101-ingress", "po101-validate", "po101-inventory-start"], page.Items);
    }

    public static TheoryData<FactQuery> MalformedQueries => new()
    {
        new FactQuery { Limit = -1 },
        new FactQuery { Offset = -5 },
        new FactQuery { Filters = [new FactFilter(FactField.Attempt, FilterOperator.GreaterThan, [FilterValue.Of(1), FilterValue.Of(2)])] },
        new FactQuery { Filters = [new FactFilter(FactField.Stage, FilterOperator.Equals, [])] },
        new FactQuery { Filters = [FactFilter.Compare(FactField.Stage, FilterOperator.LessThan, FilterValue.Of(3))] },
        new FactQuery { Filters = [FactFilter.Is(FactField.Offset, "7")] },
        new FactQuery { Filters = [FactFilter.Is((FactField)99, "x")] },
        new FactQuery { Sort = new FactSort((FactField)99) },
        new FactQuery { After = new FactCursor(FilterValue.Of("yesterday"), "tmf.facts", 0, 0) },
    };

    [Theory]
    [MemberData(nameof(MalformedQueries))]
    public async Task A_malformed_query_is_refused_with_an_argument_exception(FactQuery query)
    {
        var store = await NewCorpusStoreAsync();

        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.QueryAsync(query));
    }

    /// <summary>Reads a result two rows at a time, asking for each next page with <paramref name="next"/>.</summary>
    private static async Task<List<string>> WalkAsync(IProjectionStore store, FactQuery whole, Func<FactQuery, StoredFact, int, FactQuery> next)
    {
        var seen = new List<string>();
        var query = whole with { Limit = 2 };
        while (true)
        {
            var page = await store.QueryAsync(query);
            seen.AddRange(page.Items.Select(f => f.Fact.EventId));
            if (page.Items.Count < query.Limit)
                return seen;
            query = next(query, page.Items[^1], seen.Count);
        }
    }
}
