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

    /// <summary>Partition 0 read to its end (100); partition 1 read to 80 of 100; partition 2 read from 80 on, after a gap.</summary>
    private static readonly FixedReadProgress Progress = new([
        new PartitionProgress(new PartitionId(TestFacts.Topic, 0), 100, 0, 100, null, 0),
        new PartitionProgress(new PartitionId(TestFacts.Topic, 1), 80, 0, 100, null, 0),
        new PartitionProgress(new PartitionId(TestFacts.Topic, 2), 100, 0, 100, null, 80) { UnbrokenFrom = 80 },
        new PartitionProgress(new PartitionId(TestFacts.Topic, 3), 0, 0, 100, null, 0) { LogReplaced = true },
    ]);

    [Theory]
    [InlineData("tmf.facts/1/41", "NOT_FOUND", "No quarantined record at tmf.facts/1@41: the projection has read tmf.facts/1 past it (up to offset 79); the record there is a fact, or there is none.")]
    [InlineData("tmf.facts/2/86", "NOT_FOUND", "No quarantined record at tmf.facts/2@86: the projection has read tmf.facts/2 past it (up to offset 99); the record there is a fact, or there is none.")]
    [InlineData("tmf.facts/0/500", "NOT_FOUND", "No quarantined record at tmf.facts/0@500: the log of tmf.facts/0 ends before it (its next offset is 100), and the projection has read it to there.")]
    [InlineData("tmf.facts/1/90", "NOT_YET_OBSERVED", "No quarantined record at tmf.facts/1@90 so far: tmf.facts/1 is where it would be, and the projection has read it up to offset 79; ask again later.")]
    [InlineData("tmf.facts/2/73", "HISTORY_GAP", "No quarantined record at tmf.facts/2@73: records of tmf.facts/2 before offset 80 were deleted by retention or skipped before the projection read them, and that one may have been among them.")]
    [InlineData("tmf.facts/3/5", "HISTORY_GAP", "No quarantined record at tmf.facts/3@5 in what was read, but the log of tmf.facts/3 was replaced under the projection and is not read until a rebuild has read it as it is now (factline rebuild).")]
    [InlineData("tmf.facts/9/1", "NOT_FOUND", "No quarantined record at tmf.facts/9@1: topic 'tmf.facts' has no partition 9 (it has 4, from 0).")]
    [InlineData("other.facts/0/1", "NOT_FOUND", "No quarantined record at other.facts/0@1: Factline projects no partition of topic 'other.facts' (Factline:Kafka:Topics).")]
    [InlineData("tmf.facts/01/041", "NOT_FOUND", "No quarantined record at tmf.facts/1@41: the projection has read tmf.facts/1 past it (up to offset 79); the record there is a fact, or there is none.")]
    public async Task A_position_without_a_quarantined_record_is_judged_by_that_position(string position, string code, string message)
    {
        await using var api = await StartAsync(Progress);

        var response = await api.Client.GetAsync($"/tmf-api/event/v4/quarantine/{position}");

        var error = await ApiAssert.TmfErrorAsync(response, HttpStatusCode.NotFound);
        Assert.Equal(code, (string?)error["code"]);
        Assert.Equal(message, (string?)error["message"]);
        Assert.Equal(code == "NOT_YET_OBSERVED", response.Headers.RetryAfter is not null);
    }

    [Fact]
    public async Task Before_kafka_has_named_any_partition_a_position_is_not_observed_yet()
    {
        await using var api = await StartAsync(new FixedReadProgress([]));

        var error = await ApiAssert.TmfErrorAsync(await api.Client.GetAsync("/tmf-api/event/v4/quarantine/tmf.facts/1/43"), HttpStatusCode.NotFound);

        Assert.Equal("NOT_YET_OBSERVED", (string?)error["code"]);
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
