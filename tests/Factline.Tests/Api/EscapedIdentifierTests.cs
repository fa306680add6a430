using System.Net;
using Factline.Storage.Memory;
using Factline.Tests.Storage.Contract;

namespace Factline.Tests.Api;

/// <summary>
/// Identifiers with a slash, a percent sign or a space are found by the hrefs the API gives them. Kestrel leaves an
/// escaped slash escaped in the path, so without the API's own decoding `/event/a%2Fb` looked for "a%2Fb" and said
/// NOT_FOUND for a fact the search had just listed.
/// </summary>
public sealed class EscapedIdentifierTests
{
    private const string Base = "/tmf-api/event/v4";

    [Theory]
    [InlineData("ev/1", "PO/2026/1")]
    [InlineData("ev%2F1", "PO%2F2026%2F1")]
    [InlineData("ev 1/%", "PO 1/%")]
    public async Task A_listed_fact_and_its_transaction_are_found_by_their_hrefs(string eventId, string correlationId)
    {
        await using var store = await StoreWithLookalikesAsync();
        await using var server = await ApiServer.StartAsync(store);

        var listed = await ApiAssert.OkJsonAsync(await server.Client.GetAsync($"{Base}/event?eventId={Uri.EscapeDataString(eventId)}"));
        var href = (string)listed[0]!["href"]!;
        Assert.Equal($"{Base}/event/{Uri.EscapeDataString(eventId)}", href);

        var fact = await ApiAssert.OkJsonAsync(await server.Client.GetAsync(href));
        Assert.Equal(eventId, (string?)fact["id"]);
        Assert.Equal(correlationId, (string?)fact["correlationId"]);

        var timeline = await ApiAssert.OkJsonAsync(await server.Client.GetAsync($"{Base}/timeline/{Uri.EscapeDataString(correlationId)}"));
        Assert.Equal(correlationId, (string?)timeline["correlationId"]);
        Assert.Equal([eventId], timeline["facts"]!.AsArray().Select(f => (string?)f!["eventId"]));
    }

    [Fact]
    public async Task An_escaped_slash_in_lower_case_is_a_slash_too()
    {
        await using var store = await StoreWithLookalikesAsync();
        await using var server = await ApiServer.StartAsync(store);
        // As sent: HttpClient would otherwise write the escape in upper case.
        var path = new Uri($"{server.BaseAddress}{Base.TrimStart('/')}/event/ev%2f1", new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });

        var fact = await ApiAssert.OkJsonAsync(await server.Client.GetAsync(path));

        Assert.Equal("ev/1", (string?)fact["id"]);
    }

    [Fact]
    public async Task A_missing_identifier_with_a_slash_is_named_as_the_client_meant_it()
    {
        await using var store = await StoreWithLookalikesAsync();
        await using var server = await ApiServer.StartAsync(store);

        using var response = await server.Client.GetAsync($"{Base}/event/{Uri.EscapeDataString("no/such")}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("'no/such'", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>Facts whose identifiers differ only in how a slash is written, so that no decoding can pass by mistake.</summary>
    private static async Task<MemoryProjectionStore> StoreWithLookalikesAsync()
    {
        var store = new MemoryProjectionStore();
        await store.ApplyAsync(TestFacts.Batch(
        [
            TestFacts.Fact("ev/1", "PO/2026/1").At(0, 0),
            TestFacts.Fact("ev%2F1", "PO%2F2026%2F1").At(0, 1),
            TestFacts.Fact("ev 1/%", "PO 1/%").At(0, 2),
        ], null, TestFacts.Bookmark(0, 3)));
        return store;
    }
}
