using System.Net;
using Factline.Storage.Memory;

namespace Factline.Tests.Api;

/// <summary>Failures the framework itself detects still answer with the TMF error body.</summary>
[Collection(SeededApiCollection.Name)]
public sealed class ErrorResponseTests(SeededApiFixture api)
{
    [Theory]
    [InlineData("/tmf-api/event/v4/nothing")]
    [InlineData("/tmf-api/eventManagement/v4/event/po123-ingress/extra")]
    [InlineData("/tmf-api/event/v5/event")]
    [InlineData("/no/such/path")]
    public async Task An_unknown_route_is_a_404_with_a_TMF_error(string path)
    {
        var error = await ApiAssert.TmfErrorAsync(await api.Client.GetAsync(path), HttpStatusCode.NotFound);

        Assert.Equal("NOT_FOUND", (string?)error["code"]);
        Assert.Contains(path, (string?)error["message"]);
    }

    [Theory]
    [InlineData("POST", "/tmf-api/event/v4/event")]
    [InlineData("PUT", "/tmf-api/eventManagement/v4/event")]
    [InlineData("DELETE", "/tmf-api/event/v4/event/po123-ingress")]
    [InlineData("PATCH", "/tmf-api/event/v4/event/po123-ingress")]
    public async Task A_wrong_method_is_a_405_with_a_TMF_error_and_the_allowed_methods(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent("{}") };
        var response = await api.Client.SendAsync(request);
        var error = await ApiAssert.TmfErrorAsync(response, HttpStatusCode.MethodNotAllowed);

        Assert.Equal("METHOD_NOT_ALLOWED", (string?)error["code"]);
        Assert.Equal(["GET", "HEAD"], response.Content.Headers.Allow);
        Assert.EndsWith("allowed methods: GET, HEAD.", (string?)error["message"]);
    }

    [Fact]
    public async Task A_crash_is_a_logged_500_whose_body_reveals_nothing_internal()
    {
        var store = new MemoryProjectionStore();
        await store.DisposeAsync(); // Every read now throws ObjectDisposedException.
        await using var server = await ApiServer.StartAsync(store);

        var error = await ApiAssert.TmfErrorAsync(await server.Client.GetAsync("/tmf-api/event/v4/event?stage=x"), HttpStatusCode.InternalServerError);

        Assert.Equal("INTERNAL_SERVER_ERROR", (string?)error["code"]);
        Assert.DoesNotContain("Disposed", error.ToJsonString());
        Assert.DoesNotContain(" at ", error.ToJsonString());
        var logged = Assert.Single(server.Logs.Entries, e => e.Level == LogLevel.Error);
        Assert.IsType<ObjectDisposedException>(logged.Exception);
    }
}
