using Factline.Projection.Evidence;
using Factline.Storage;
using Factline.Storage.Memory;
using Factline.Tests.Api;
using Factline.Tests.Infrastructure;

namespace Factline.Tests.Evidence;

/// <summary>
/// The evidence of an answer covers the partitions that could hold it: one topic's, or one partition, when the request is
/// about one; none when it names a topic or partition nobody projects, and such an answer is never complete.
/// </summary>
public sealed class EvidenceScopeTests
{
    private const string Topic = "tmf.facts";

    /// <summary>Partition 0 read to its end, partition 1 five records behind.</summary>
    private static readonly FixedReadProgress Progress = new(
    [
        new PartitionProgress(new PartitionId(Topic, 0), 100, 0, 100, null, 0),
        new PartitionProgress(new PartitionId(Topic, 1), 95, 0, 100, null, 0),
    ]);

    [Theory]
    [InlineData("/event?log.partition=0", "0", "true")]
    [InlineData("/event?log.partition=1", "5", "false")]
    [InlineData("/event?log.topic=tmf.facts&log.partition=0", "0", "true")]
    [InlineData("/event?log.topic=tmf.facts", "5", "false")]
    [InlineData("/quarantine?partition=0", "0", "true")]
    [InlineData("/event?log.topic=nope", "unknown", "false")]
    [InlineData("/event?log.partition=7", "unknown", "false")]
    [InlineData("/event?log.partition=-1", "unknown", "false")]
    [InlineData("/event?log.partition=99999999999999", "unknown", "false")]
    [InlineData("/quarantine?topic=nope", "unknown", "false")]
    public async Task An_answer_about_one_topic_or_partition_is_judged_by_those_alone(string query, string lag, string complete)
    {
        await using var store = new MemoryProjectionStore();
        await using var api = await ApiServer.StartAsync(store, progress: Progress);

        var response = await api.Client.GetAsync($"/tmf-api/event/v4{query}");

        Assert.Equal((lag, complete), (ApiAssert.Header(response, "X-Factline-Lag"), ApiAssert.Header(response, "X-Factline-Complete")));
    }
}
