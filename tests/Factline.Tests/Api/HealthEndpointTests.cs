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
