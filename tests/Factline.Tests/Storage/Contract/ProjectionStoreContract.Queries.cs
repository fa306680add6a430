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

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public async Task Facts_of_one_instant_come_in_log_position_order_at_every_page_size_and_around_other_instants(bool descending, bool oneCorrelation)
    {
        var store = await NewStoreAsync();
        // Seven facts of one producer instant and three a second before or after it, at positions written out of
        // order over two topics and three partitions: page ends fall inside the tie and between instants.
        (int Second, string Topic, int Partition, long Offset)[] facts =
        [
            (0, "tmf.facts", 2, 0), (0, "tmf.facts", 0, 5), (1, "tmf.facts", 1, 2), (0, "tmf.alarms", 1, 3), (0, "tmf.facts", 0, 1),
            (-1, "tmf.facts", 0, 8), (0, "tmf.facts", 1, 7), (0, "tmf.alarms", 0, 9), (1, "tmf.alarms", 0, 1), (0, "tmf.facts", 2, 4),
        ];
        var stored = facts.Select((f, i) => (TestFacts.Fact($"tie-{i}") with { Timestamp = TestFacts.Fact("any").Timestamp.AddSeconds(f.Second) })
            .At(f.Partition, f.Offset, f.Topic)).ToList();
        await store.ApplyAsync(TestFacts.Batch(stored));
        var expected = stored.OrderBy(f => f.Fact.Timestamp).ThenBy(f => f.Position, LogPositionOrder.Instance).Select(f => f.Fact.EventId).ToList();
        if (descending)
            expected.Reverse();
        var whole = (oneCorrelation ? FactQuery.ForCorrelation("PO-TEST-1") : new FactQuery()) with
        {
            Sort = new FactSort(FactField.EventTime, descending),
            IncludeTotal = false,
        };

        for (var size = 1; size <= stored.Count + 1; size++)
        {
            var walked = new List<string>();
            var query = whole with { Limit = size };
            while (true)
            {
                var page = await store.QueryAsync(query);
                walked.AddRange(page.Items.Select(f => f.Fact.EventId));
                if (page.Items.Count < size)
                    break;
                query = query with { After = FactCursor.After(page.Items[^1], query.Sort) };
            }
            Assert.Equal(expected, walked);
        }
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
