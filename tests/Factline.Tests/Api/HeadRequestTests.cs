using System.Net;
using Factline.Storage.Memory;
using Factline.Tests.Storage.Contract;

namespace Factline.Tests.Api;

/// <summary>HEAD answers as GET does, with the same status and headers and no body (RFC 9110, 9.3.2).</summary>
public sealed class HeadRequestTests
{
    private const string Base = "/tmf-api/event/v4";

    [Theory]
    [InlineData(Base + "/event?limit=1")]
    [InlineData(Base + "/event/head-1")]
    [InlineData(Base + "/event/no-such-event")]
    [InlineData(Base + "/event?limit=0")]
    [InlineData(Base + "/timeline/PO-HEAD")]
    [InlineData(Base + "/status")]
    [InlineData(Base + "/no-such-resource")]
    public async Task Head_has_the_status_and_headers_of_get_and_no_body(string path)
    {
        await using var store = new MemoryProjectionStore();
        await store.ApplyAsync(TestFacts.Batch([TestFacts.Fact("head-1", "PO-HEAD").At(0, 0), TestFacts.Fact("head-2", "PO-HEAD").At(0, 1)], null, TestFacts.Bookmark(0, 2)));
        await using var server = await ApiServer.StartAsync(store);

        using var get = await server.Client.GetAsync(path);
        using var head = await server.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));

        Assert.Equal(get.StatusCode, head.StatusCode);
        Assert.Equal(Headers(get), Headers(head));
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        Assert.NotEmpty(await get.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Head_of_a_list_gives_its_total_without_a_page()
    {
        await using var store = new MemoryProjectionStore();
        await store.ApplyAsync(TestFacts.Batch([TestFacts.Fact("head-1").At(0, 0), TestFacts.Fact("head-2").At(0, 1)], null, TestFacts.Bookmark(0, 2)));
        await using var server = await ApiServer.StartAsync(store);

        using var head = await server.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, Base + "/event?limit=1"));

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal("2", head.Headers.GetValues("X-Total-Count").Single());
        Assert.Equal("true", head.Headers.GetValues("X-Factline-Complete").Single());
    }

    /// <summary>Every header but the date (the two answers may fall in different seconds) and the framing of a body.</summary>
    private static string[] Headers(HttpResponseMessage response) =>
        [.. response.Headers.Concat(response.Content.Headers)
            .Where(h => h.Key is not ("Date" or "Transfer-Encoding" or "Content-Length"))
            .Select(h => $"{h.Key}: {string.Join(",", h.Value)}")
            .Order(StringComparer.Ordinal)];
}
