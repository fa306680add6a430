using Factline.Storage.Memory;

namespace Factline.Tests.Api;

public sealed class ApiOptionsTests
{
    [Fact]
    public async Task The_configured_page_sizes_apply()
    {
        await using var store = new MemoryProjectionStore();
        await ApiCorpus.LoadIntoAsync(store);
        await using var server = await ApiServer.StartAsync(store, new Dictionary<string, string?>
        {
            ["Factline:Api:DefaultLimit"] = "4",
            ["Factline:Api:MaxLimit"] = "5",
        });

        var byDefault = await ApiAssert.ListAsync(server.Client, "/tmf-api/event/v4/event");
        var maximal = await ApiAssert.ListAsync(server.Client, "/tmf-api/event/v4/event?limit=5");
        var tooLarge = await ApiAssert.InvalidParameterAsync(await server.Client.GetAsync("/tmf-api/event/v4/event?limit=6"), "limit");

        Assert.Equal(4, byDefault.Count);
        Assert.Equal(5, maximal.Count);
        Assert.Contains("from 1 to 5", (string?)tooLarge["message"]);
    }

    [Fact]
    public async Task A_default_page_larger_than_the_maximum_stops_the_host_at_start()
    {
        await using var store = new MemoryProjectionStore();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => ApiServer.StartAsync(store, new Dictionary<string, string?>
        {
            ["Factline:Api:DefaultLimit"] = "500",
            ["Factline:Api:MaxLimit"] = "100",
        }));

        Assert.Equal("Factline:Api:DefaultLimit must be at most MaxLimit (100), not 500.", error.Message);
    }
}
