using System.Net;

namespace Factline.Tests.Api;

/// <summary>TMF630 offset/limit with the count headers, and the keyset cursor extension.</summary>
[Collection(SeededApiCollection.Name)]
public sealed class EventPagingTests(SeededApiFixture api)
{
    private const string Events = "/tmf-api/event/v4/event";

    [Fact]
    public async Task Offset_and_limit_cut_a_page_and_the_headers_count_it_and_the_whole_result()
    {
        var response = await api.Client.GetAsync($"{Events}?correlationId=PO-2026-000123&offset=2&limit=3");
        var page = (await ApiAssert.OkJsonAsync(response)).AsArray();

        Assert.Equal(ApiCorpus.Po123Timeline[2..5], page.Select(e => (string)e!["id"]!));
        Assert.Equal("7", ApiAssert.Header(response, "X-Total-Count"));
        Assert.Equal("3", ApiAssert.Header(response, "X-Result-Count"));
        Assert.True(response.Headers.Contains("X-Next-Cursor"));
    }

    [Fact]
    public async Task The_last_page_is_short_and_offers_no_cursor()
    {
        var last = await api.Client.GetAsync($"{Events}?correlationId=PO-2026-000123&offset=5&limit=3");
        var beyond = await api.Client.GetAsync($"{Events}?correlationId=PO-2026-000123&offset=10");

        Assert.Equal(ApiCorpus.Po123Timeline[5..], (await ApiAssert.OkJsonAsync(last)).AsArray().Select(e => (string)e!["id"]!));
        Assert.Equal("2", ApiAssert.Header(last, "X-Result-Count"));
        Assert.False(last.Headers.Contains("X-Next-Cursor"));
        Assert.Empty((await ApiAssert.OkJsonAsync(beyond)).AsArray());
        Assert.Equal("7", ApiAssert.Header(beyond, "X-Total-Count"));
        Assert.Equal("0", ApiAssert.Header(beyond, "X-Result-Count"));
    }

    [Fact]
    public async Task Without_a_limit_a_page_has_the_default_size_and_the_maximum_is_allowed()
    {
        var byDefault = await api.Client.GetAsync(Events);
        var maximal = await api.Client.GetAsync($"{Events}?limit=1000");

        Assert.Equal(100, (await ApiAssert.OkJsonAsync(byDefault)).AsArray().Count);
        Assert.Equal(ApiCorpus.Facts.Count.ToString(), ApiAssert.Header(byDefault, "X-Total-Count"));
        Assert.Equal(ApiCorpus.Facts.Count, (await ApiAssert.OkJsonAsync(maximal)).AsArray().Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("sort=-eventTime")]
    [InlineData("sort=stage")]
    [InlineData("sort=-messageId")]
    [InlineData("eventType=ResourceOrderCreateEvent&sort=-log.offset")]
    [InlineData("log.brokerTimestamp.lt=2026-11-26T10:22:00Z&sort=log.brokerTimestamp")]
    [InlineData("outcome=SUCCESS&sort=-correlationId")]
    public async Task A_cursor_walk_returns_the_same_sequence_as_an_offset_walk(string query)
    {
        const int limit = 7;
        var byOffset = new List<string>();
        for (var offset = 0; ; offset += limit)
        {
            var page = await ApiAssert.IdsAsync(api.Client, $"{Events}?{query}&offset={offset}&limit={limit}");
            byOffset.AddRange(page);
            if (page.Count < limit)
                break;
        }

        var byCursor = new List<string>();
        string? cursor = null;
        do
        {
            var url = cursor is null ? $"{Events}?{query}&limit={limit}" : $"{Events}?{query}&limit={limit}&cursor={cursor}";
            var response = await api.Client.GetAsync(url);
            byCursor.AddRange((await ApiAssert.OkJsonAsync(response)).AsArray().Select(e => (string)e!["id"]!));
            Assert.Equal(byOffset.Count.ToString(), ApiAssert.Header(response, "X-Total-Count"));
            cursor = response.Headers.TryGetValues("X-Next-Cursor", out var next) ? next.Single() : null;
        }
        while (cursor is not null);

        Assert.True(byOffset.Count > limit * 2, $"the walk should cross several pages, got {byOffset.Count} items");
        Assert.Equal(byOffset.Count, byOffset.Distinct().Count());
        Assert.Equal(byOffset, byCursor);
    }

    [Fact]
    public async Task A_cursor_continues_its_query_with_any_page_size_and_fields()
    {
        var first = await api.Client.GetAsync($"{Events}?eventType=ResourceOrderCreateEvent&sort=-eventTime&limit=5");
        var cursor = ApiAssert.Header(first, "X-Next-Cursor");

        var next = await ApiAssert.ListAsync(api.Client, $"{Events}?sort=-eventTime&eventType=ResourceOrderCreateEvent&limit=10&fields=stage&cursor={cursor}");
        var expected = await ApiAssert.IdsAsync(api.Client, $"{Events}?eventType=ResourceOrderCreateEvent&sort=-eventTime&offset=5&limit=10");

        Assert.Equal(expected, next.Select(e => (string)e!["id"]!));
        Assert.All(next, e => Assert.Equal(["id", "href", "stage"], e!.AsObject().Select(p => p.Key)));
    }

    [Fact]
    public async Task A_cursor_from_another_query_or_beside_an_offset_is_refused()
    {
        var first = await api.Client.GetAsync($"{Events}?eventType=ResourceOrderCreateEvent&limit=5");
        var cursor = ApiAssert.Header(first, "X-Next-Cursor");

        var otherFilter = await api.Client.GetAsync($"{Events}?eventType=ProductOrderCreateEvent&limit=5&cursor={cursor}");
        var otherSort = await api.Client.GetAsync($"{Events}?eventType=ResourceOrderCreateEvent&sort=-eventTime&cursor={cursor}");
        var withOffset = await api.Client.GetAsync($"{Events}?eventType=ResourceOrderCreateEvent&offset=5&cursor={cursor}");

        await ApiAssert.InvalidParameterAsync(otherFilter, "cursor");
        await ApiAssert.InvalidParameterAsync(otherSort, "cursor");
        await ApiAssert.InvalidParameterAsync(withOffset, "offset");
        Assert.Equal(HttpStatusCode.OK, (await api.Client.GetAsync($"{Events}?limit=5&eventType=ResourceOrderCreateEvent&cursor={cursor}")).StatusCode);
    }
}
