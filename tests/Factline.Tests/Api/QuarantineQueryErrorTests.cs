using Factline.Storage;
using Factline.Storage.Memory;
using Factline.Tests.Storage.Contract;

namespace Factline.Tests.Api;

/// <summary>Every kind of bad quarantine list parameter is a 400 TMF error that names it; none is ignored, an empty value neither.</summary>
public sealed class QuarantineQueryErrorTests
{
    [Theory]
    [InlineData("key=", "key", "has an empty value")]
    [InlineData("topic=", "topic", "has an empty value")]
    [InlineData("reason=BROKEN", "reason", "'BROKEN' is not one of")]
    [InlineData("reason=CONFLICT&reason=INVALID_JSON", "reason", "is given more than once")]
    [InlineData("reason=CONFLICT,", "reason", "'' is not one of")]
    [InlineData("topic=tmf.facts,tmf.service.facts", "topic", "'tmf.facts,tmf.service.facts' is not a Kafka topic name")]
    [InlineData("partition=-1", "partition", "from 0 to 2147483647")]
    [InlineData("offset=2147483648", "offset", "from 0 to 2147483647")]
    [InlineData("limit=0", "limit", "from 1 to 1000")]
    [InlineData("stage=validation", "stage", "is not a quarantine filter (reason, topic, partition, key) or paging parameter (offset, limit)")]
    public async Task A_bad_parameter_is_a_400_naming_it_and_saying_why(string query, string parameter, string why)
    {
        await using var store = new MemoryProjectionStore();
        await using var server = await ApiServer.StartAsync(store);

        var error = await ApiAssert.InvalidParameterAsync(await server.Client.GetAsync($"/tmf-api/event/v4/quarantine?{query}"), parameter);

        Assert.Contains(why, (string)error["message"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_comma_list_of_reasons_matches_any_of_them()
    {
        await using var store = new MemoryProjectionStore();
        await store.ApplyAsync(TestFacts.Batch([], [
            TestFacts.Unreadable(TestFacts.Position(0, 1), QuarantineReason.InvalidJson),
            TestFacts.Unreadable(TestFacts.Position(0, 2), QuarantineReason.Oversized),
            TestFacts.Unreadable(TestFacts.Position(0, 3), QuarantineReason.MissingField),
        ]));
        await using var server = await ApiServer.StartAsync(store);

        var listed = await ApiAssert.ListAsync(server.Client, "/tmf-api/event/v4/quarantine?reason=OVERSIZED,INVALID_JSON");

        Assert.Equal(["tmf.facts/0@1", "tmf.facts/0@2"], listed.Select(record => (string?)record!["id"]));
    }
}
