using System.Net;
using Factline.Storage.Memory;

namespace Factline.Tests.Api;

/// <summary>The probes a supervisor asks: live while the process serves HTTP, ready while the store answers too.</summary>
public sealed class HealthEndpointTests
{
    [Fact]
    public async Task A_server_whose_store_answers_is_live_and_ready()
    {
        await using var store = new MemoryProjectionStore();
        await using var server = await ApiServer.StartAsync(store);

        await ApiAssert.ProbeAsync(server.Client, "/health/live", HttpStatusCode.OK, "Healthy");
        await ApiAssert.ProbeAsync(server.Client, "/health/ready", HttpStatusCode.OK, "Healthy");
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task A_probe_is_read_with_get_or_head_and_other_methods_are_a_405(string path)
    {
        await using var store = new MemoryProjectionStore();
        await using var server = await ApiServer.StartAsync(store);

        var head = await server.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));
        var post = await server.Client.PostAsync(path, null);

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        await ApiAssert.TmfErrorAsync(post, HttpStatusCode.MethodNotAllowed);
        Assert.Equal(["GET", "HEAD"], post.Content.Headers.Allow.Order());
    }

    [Fact]
    public async Task A_server_whose_store_fails_is_live_but_not_ready()
    {
        var store = new MemoryProjectionStore();
        await store.DisposeAsync(); // Every read now throws.
        await using var server = await ApiServer.StartAsync(store);

        await ApiAssert.ProbeAsync(server.Client, "/health/live", HttpStatusCode.OK, "Healthy");
        await ApiAssert.ProbeAsync(server.Client, "/health/ready", HttpStatusCode.ServiceUnavailable, "Unhealthy");
    }
}
