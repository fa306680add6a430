using Factline.Storage.Memory;

namespace Factline.Tests.Api;

/// <summary>
/// Resources that take no query parameter refuse any given one by name, as every other resource refuses what it does
/// not understand: a client that thinks it filtered or configured something must not get an answer that ignored it.
/// </summary>
public sealed class UnsupportedQueryParameterTests
{
    private const string Base = "/tmf-api/event/v4";

    [Theory]
    [InlineData("GET", Base + "/timeline/PO-1?stage=validation", "stage")]
    [InlineData("GET", Base + "/status?partition=0", "partition")]
    [InlineData("GET", Base + "/admin/rebuild?id=abc", "id")]
    public async Task A_query_parameter_of_a_resource_that_takes_none_is_a_400_naming_it(string method, string path, string parameter)
    {
        await using var store = new MemoryProjectionStore();
        await using var server = await ApiServer.StartAsync(store);

        using var response = await server.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        var error = await ApiAssert.InvalidParameterAsync(response, parameter);
        Assert.Contains("takes no query parameter", (string)error["message"]!, StringComparison.Ordinal);
    }
}
