using System.Globalization;
using System.Text.Json;
using Factline.Envelope;
using Factline.Kafka;
using Factline.Storage;
using Factline.Storage.Postgres;
using Factline.Tests.Infrastructure;
using Factline.Tests.Projection;

namespace Factline.Tests.ScaleOut;

/// <summary>
/// Several <c>factline serve</c> processes in one consumer group (KIP-848) share one PostgreSQL store.
/// While facts flow, the group is reshaped the ways a deployment sees: an instance joins, one is stopped,
/// one is killed, another joins. Afterwards the store holds every produced fact exactly once, and each
/// instance's API answers for every partition.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ScaleOutTests(PostgresFixture postgres, MockKafkaFixture kafka) : IClassFixture<MockKafkaFixture>
{
    private const int Partitions = 12;
    private const int MaximumFacts = 80_000;
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(20);

    // A killed member holds its partitions until the group coordinator's session timeout expires:
    // shortened from the broker's 45 s default, still long enough for heartbeats on a loaded machine.
    private static readonly TimeSpan SessionTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan CatchUpTimeout = SessionTimeout + TimeSpan.FromSeconds(40);

    [Fact]
    public async Task Instances_joining_leaving_and_dying_while_facts_flow_leave_every_fact_in_the_store_exactly_once()
    {
        kafka.Cluster.SetConsumerGroupTimeouts(SessionTimeout, heartbeatInterval: TimeSpan.FromSeconds(1));
        var topic = kafka.CreateTopic(Partitions);
        await using var deployment = await ScaleOutDeployment.CreateAsync(postgres, kafka.BootstrapServers, topic);
        // Opened first, so the schema exists before the instances race to create it.
        await using var store = PostgresProjectionStore.Open(deployment.StoreOptions);
        var instances = new List<GroupMember>();
        try
        {
            GroupMember Launch(string name)
            {
                var instance = GroupMember.Start(name, deployment);
                instances.Add(instance);
                return instance;
            }
            var group = new GroupWatch(store, instances);

            await using var traffic = ContinuousTraffic.Start(kafka.Options(), topic, MaximumFacts);
            var a = Launch("a");
            var b = Launch("b");
            await group.WaitUntilAsync(async () => a.Assignments.Count > 0 && b.Assignments.Count > 0
                && (await store.ReadBookmarksAsync()).Values.Count(bookmark => bookmark.NextOffset > 0) == Partitions,
                "a and b share the group and every partition has a stored bookmark", StepTimeout);

            var c = Launch("c");
            await group.WaitUntilAsync(() => group.HasWrittenAsync(c), "c takes partitions over and writes them", StepTimeout);

            var reassignedBeforeStop = b.Assignments.Count + c.Assignments.Count;
            Assert.Equal(0, await a.StopAsync(StopTimeout));
            await group.WaitUntilAsync(() => Task.FromResult(b.Assignments.Count + c.Assignments.Count > reassignedBeforeStop),
                "a's partitions move to b and c after a stopped", StepTimeout);

            b.Kill();
            var d = Launch("d");
            await group.WaitUntilAsync(() => group.HasWrittenAsync(d), "d takes partitions over and writes them", StepTimeout);

            var produced = await traffic.StopAsync();
            var log = SimulatedLog.Watermarks(kafka, topic);
            Assert.All(log.Values, watermarks => Assert.Equal(0, watermarks.Low.Value)); // retention dropped nothing
            Assert.Equal(produced.Count, log.Values.Sum(watermarks => watermarks.High.Value));
            var ends = log.ToDictionary(partition => partition.Key, partition => partition.Value.High.Value);
            await group.WaitUntilAsync(async () => AreAt(await store.ReadBookmarksAsync(), ends),
                "every partition's bookmark reaches its log end", CatchUpTimeout);
            // Writes are split, reads are not: each instance answers for every partition.
            foreach (var instance in new[] { c, d })
                await AssertAnswersForEveryPartitionAsync(instance, produced);
            Assert.Equal(0, await c.StopAsync(StopTimeout));
            Assert.Equal(0, await d.StopAsync(StopTimeout));

            // Exactly once, judged by the rows: one row per produced eventId, and each log position held by exactly one row.
            var counters = await store.ReadCountersAsync();
            Assert.Equal(produced.Count, counters.Facts);
            Assert.Equal(0, counters.Quarantined);
            // Not even absorbed ones: KIP-848 hands a partition over only after its owner gave it up between batches,
            // and a killed owner's uncommitted batch left nothing behind. A re-applied fact would mean a stale owner
            // wrote after losing its partition, which the owner generation fences (docs/deployment.md).
            Assert.Equal(0, counters.Duplicates);
            var stored = await StoreContents.ReadAllAsync(store);
            Assert.Equal(produced.Select(fact => fact.EventId).Order(StringComparer.Ordinal), stored.Select(fact => fact.Fact.EventId));
            var logPositions = ends.SelectMany(end => Enumerable.Range(0, (int)end.Value).Select(offset => (end.Key.Partition, (long)offset)));
            Assert.True(stored.Select(fact => (fact.Position.Partition, fact.Position.Offset)).ToHashSet().SetEquals(logPositions),
                "a log position is missing or held twice");

            // The split: every instance was given a share, and together they covered the topic.
            Assert.All(instances, instance => Assert.NotEmpty(instance.Assignments));
            Assert.Equal(Partitions, instances.SelectMany(instance => instance.Assignments.Select(assigned => assigned.Partition)).Distinct().Count());
            // d joined after every partition had a bookmark, so each partition it took over resumed from the store, not from 0.
            Assert.All(d.Assignments, assigned => Assert.True(assigned.Offset > 0, $"d started {assigned.Partition} from offset 0"));
        }
        finally
        {
            foreach (var instance in instances)
                instance.Dispose();
        }
    }

    /// <summary>The instance's API counts every produced fact and gives the whole timeline of a correlation from every partition.</summary>
    private static async Task AssertAnswersForEveryPartitionAsync(GroupMember instance, IReadOnlyList<Fact> produced)
    {
        using var http = new HttpClient { BaseAddress = instance.BaseAddress };
        using var all = await http.GetAsync("/tmf-api/event/v4/event?limit=1");
        Assert.True(all.IsSuccessStatusCode, $"{instance.Name}: {(int)all.StatusCode}");
        Assert.Equal(produced.Count.ToString(CultureInfo.InvariantCulture), all.Headers.GetValues("X-Total-Count").Single());

        var onePerPartition = produced.GroupBy(fact => Murmur2Partitioner.PartitionFor(fact.CorrelationId, Partitions)).Select(group => group.First().CorrelationId);
        foreach (var correlationId in onePerPartition)
        {
            var timeline = await http.GetFromJsonAsync<JsonElement>($"/tmf-api/event/v4/event?correlationId={Uri.EscapeDataString(correlationId)}");
            Assert.Equal(produced.Count(fact => fact.CorrelationId == correlationId), timeline.GetArrayLength());
        }
    }

    private static bool AreAt(IReadOnlyDictionary<PartitionId, Bookmark> bookmarks, IReadOnlyDictionary<PartitionId, long> ends) =>
        ends.All(end => bookmarks.TryGetValue(end.Key, out var bookmark) && bookmark.NextOffset == end.Value);
}
