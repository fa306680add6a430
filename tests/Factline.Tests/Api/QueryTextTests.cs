using System.Net;
using Factline.Storage.Memory;

namespace Factline.Tests.Api;

/// <summary>Percent-escapes in a query are bytes of UTF-8 text: any text is fine (the refusals are among the conformance error cases).</summary>
public sealed class QueryTextTests
{
    [Theory]
    [InlineData("/event?correlationId=PO-%C3%A9t%C3%A9")]
    [InlineData("/event?correlationId=PO%2F2026%2F17")]
    [InlineData("/quarantine?key=%F0%9F%93%A6")]
    public async Task Escaped_text_is_read_as_text(string query)
    {
        await using var store = new MemoryProjectionStore();
        await using var server = await ApiServer.StartAsync(store);

        var response = await server.Client.GetAsync($"/tmf-api/event/v4{query}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
