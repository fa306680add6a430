using System.Net;
using System.Text.Json.Nodes;
using Factline.Projection.Evidence;
using Factline.Storage;
using Factline.Storage.Memory;
using Factline.Tests.Infrastructure;
using Factline.Tests.Storage.Contract;

namespace Factline.Tests.Api;

/// <summary>
/// A quarantined record has a resource of its own at its position: the href every listing gives leads to it, and a
/// position without one says whether its partition has been read there.
/// </summary>
public sealed class QuarantineRetrieveTests
{
    private static readonly QuarantineEntry Unreadable = TestFacts.Unreadable(TestFacts.Position(1, 42), QuarantineReason.InvalidJson, key: "PO-2026-000102");

    [Theory]
    [InlineData("/tmf-api/event/v4")]
    [InlineData("/tmf-api/eventManagement/v4")]
    public async Task The_href_of_a_listed_record_retrieves_that_record(string basePath)
    {
        await using var api = await StartAsync(FixedReadProgress.CaughtUp(TestFacts.Topic, partitions: 2));

        var listed = Assert.Single(await ApiAssert.ListAsync(api.Client, $"{basePath}/quarantine"))!;
        Assert.Equal($"{basePath}/quarantine/tmf.facts/1/42", (string?)listed["href"]);
        var retrieved = await ApiAssert.OkJsonAsync(await api.Client.GetAsync((string?)listed["href"]));

        Assert.True(JsonNode.DeepEquals(listed, retrieved), retrieved.ToJsonString());
        Assert.Equal("tmf.facts/1@42", (string?)retrieved["id"]);
        Assert.Equal("INVALID_JSON", (string?)retrieved["reason"]);
    }

    [Fact]
    public async Task A_position_without_a_quarantined_record_in_a_partition_read_past_it_is_not_found()
    {
        await using var api = await StartAsync(FixedReadProgress.CaughtUp(TestFacts.Topic, partitions: 2));

        var response = await api.Client.GetAsync("/tmf-api/event/v4/quarantine/tmf.facts/1/41");

        var error = await ApiAssert.TmfErrorAsync(response, HttpStatusCode.NotFound);
        Assert.Equal("NOT_FOUND", (string?)error["code"]);
        Assert.StartsWith("No quarantined record at tmf.facts/1@41: tmf.facts/1, where it would be, has been read to the log end", (string?)error["message"]);
    }

    [Fact]
    public async Task A_position_in_a_partition_the_projection_is_behind_in_is_not_observed_yet()
    {
        var progress = new FixedReadProgress([
            new PartitionProgress(new PartitionId(TestFacts.Topic, 0), 100, 0, 100, null, 0),
            new PartitionProgress(new PartitionId(TestFacts.Topic, 1), 80, 0, 100, null, 0),
        ]);
        await using var api = await StartAsync(progress);

        var response = await api.Client.GetAsync("/tmf-api/event/v4/quarantine/tmf.facts/1/90");

        var error = await ApiAssert.TmfErrorAsync(response, HttpStatusCode.NotFound);
        Assert.Equal("NOT_YET_OBSERVED", (string?)error["code"]);
        Assert.Equal("20", ApiAssert.Header(response, "X-Factline-Lag"));
    }

    [Theory]
    [InlineData("tmf.facts,other/1/42", "the topic 'tmf.facts,other' is not a Kafka topic name: use letters, digits, '.', '_' and '-' (and not '.' or '..' alone)")]
    [InlineData("tmf.facts/one/42", "the partition must be a whole number from 0, not 'one'")]
    [InlineData("tmf.facts/1/-42", "the offset must be a whole number from 0, not '-42'")]
    [InlineData("tmf.facts/1/99999999999999999999", "the offset must be a whole number from 0, not '99999999999999999999'")]
    public async Task A_path_that_is_no_kafka_position_is_not_found_saying_why(string position, string why)
    {
        await using var api = await StartAsync(FixedReadProgress.CaughtUp(TestFacts.Topic, partitions: 2));

        var error = await ApiAssert.TmfErrorAsync(await api.Client.GetAsync($"/tmf-api/event/v4/quarantine/{position}"), HttpStatusCode.NotFound);

        Assert.Equal($"No quarantined record: the path names no Kafka position, as {why}.", (string?)error["message"]);
    }

    [Fact]
    public async Task A_query_parameter_on_a_retrieval_is_refused()
    {
        await using var api = await StartAsync(FixedReadProgress.CaughtUp(TestFacts.Topic, partitions: 2));

        await ApiAssert.InvalidParameterAsync(await api.Client.GetAsync("/tmf-api/event/v4/quarantine/tmf.facts/1/42?fields=reason"), "fields");
    }

    private static async Task<ApiServer> StartAsync(IReadProgressSource progress)
    {
        var store = new MemoryProjectionStore();
        await store.ApplyAsync(TestFacts.Batch([], [Unreadable]));
        return await ApiServer.StartAsync(store, progress: progress);
    }
}
