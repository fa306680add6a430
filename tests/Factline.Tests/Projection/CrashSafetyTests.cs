using Factline.Storage;
using Factline.Storage.Memory;
using Factline.Storage.Sqlite;
using Factline.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Factline.Tests.Projection;

/// <summary>
/// The bookmark and the rows it covers commit in one transaction, so killing the projector at any moment
/// loses nothing and doubles nothing. Proven the hard way: the real <c>factline project</c> process is
/// SIGKILLed several times at random moments while it projects 100,000 facts.
/// </summary>
[Collection(MockKafkaCollection.Name)]
public sealed class CrashSafetyTests(MockKafkaFixture kafka)
{
    private const int Facts = 100_000;
    private const int Kills = 4;
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_projector_killed_at_random_moments_ends_with_the_same_store_as_a_clean_build()
    {
        var topic = kafka.CreateTopic(partitions: 16);
        var produced = SimulatedLog.Produce(kafka, topic, Facts);
        var log = SimulatedLog.Watermarks(kafka, topic);
        Assert.All(log.Values, w => Assert.Equal(0, w.Low.Value)); // retention dropped nothing
        Assert.Equal(produced.Count, log.Values.Sum(w => w.High.Value));
        var ends = log.ToDictionary(w => w.Key, w => w.Value.High.Value);

        var dataDirectory = Directory.CreateTempSubdirectory("factline-crash-").FullName;
        try
        {
            var database = new SqliteStoreOptions { DataDirectory = dataDirectory }.DatabasePath;
            var seed = Environment.TickCount;
            var random = new Random(seed);
            for (var kill = 0; kill < Kills; kill++)
            {
                // Somewhere within the kill's own sixth of the log, so every run makes headway and dies mid-stream;
                // the last third stays unread, slack for a busy test machine to notice the kill point late.
                var killAt = (long)(produced.Count * (kill + 0.5 + random.NextDouble() * 0.5) / (Kills + 2));
                using var projector = StartProjector(topic, dataDirectory);
                await projector.WaitUntilAsync(() => Task.FromResult(ReadProgress(database) >= killAt), $"kill {kill} (seed {seed})", RunTimeout);
                projector.Kill();
                Assert.True(ReadProgress(database) < produced.Count, $"kill {kill} (seed {seed}) came after the projection had finished");
            }
            using (var last = StartProjector(topic, dataDirectory))
            {
                await last.WaitUntilAsync(() => Task.FromResult(ReadProgress(database) >= produced.Count), $"the last run (seed {seed})", RunTimeout);
                last.Kill();
            }

            await using var crashed = SqliteProjectionStore.Open(new SqliteStoreOptions { DataDirectory = dataDirectory });
            await using var clean = new MemoryProjectionStore();
            await InProcessProjection.RunUntilAsync(InProcessProjection.Create(kafka.Options(topic), clean), clean, ends);

            var crashedFacts = await AssertExactlyTheLogAsync(crashed, produced.Count, ends);
            var cleanFacts = await AssertExactlyTheLogAsync(clean, produced.Count, ends);
            Assert.Equal(produced.Select(f => f.EventId).Order(StringComparer.Ordinal), crashedFacts.Select(f => f.Fact.EventId));
            Assert.Equal(StoreContents.Digest(cleanFacts), StoreContents.Digest(crashedFacts));
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    /// <summary>Every record of the log exactly once: one fact per log position, none re-applied, bookmarks at the log end.</summary>
    /// <returns>The store's facts in eventId order.</returns>
    private static async Task<IReadOnlyList<StoredFact>> AssertExactlyTheLogAsync(IProjectionStore store, int records, IReadOnlyDictionary<PartitionId, long> ends)
    {
        var counters = await store.ReadCountersAsync();
        Assert.Equal(records, counters.Facts);
        // Dedup by eventId would hide a re-applied batch from the row count; the duplicate counter does not.
        Assert.Equal(0, counters.Duplicates);
        Assert.Equal(0, counters.Quarantined);

        var bookmarks = await store.ReadBookmarksAsync();
        Assert.Equal(ends.OrderBy(e => e.Key.Partition), bookmarks.Select(b => KeyValuePair.Create(b.Key, b.Value.NextOffset)).OrderBy(e => e.Key.Partition));
        Assert.All(bookmarks.Values, b => Assert.Equal(0, b.LostRecords));

        var facts = await StoreContents.ReadAllAsync(store);
        Assert.Equal(records, facts.Count);
        var logPositions = ends.SelectMany(end => Enumerable.Range(0, (int)end.Value).Select(offset => (end.Key.Partition, (long)offset)));
        Assert.True(facts.Select(f => (f.Position.Partition, f.Position.Offset)).ToHashSet().SetEquals(logPositions), "a log position is missing or doubled");
        return facts;
    }

    /// <summary>
    /// The real <c>factline project</c>. A killed member keeps its partitions until the group's session times
    /// out, so each run joins a fresh group: the projector resumes from the store's bookmarks, not from Kafka.
    /// </summary>
    private FactlineProcess StartProjector(string topic, string dataDirectory) =>
        FactlineProcess.Start(dataDirectory,
            ["project", "--bootstrap-servers", kafka.BootstrapServers, "--topic", topic, "--data-dir", dataDirectory],
            new Dictionary<string, string>
            {
                ["Factline__Kafka__GroupId"] = $"factline-crash-{Guid.NewGuid():N}",
                // Batches of 1,000 instead of 5,000: more commits to die between, and a projection slow enough that a
                // test starved by a busy machine still sees the kill point before the log's end.
                ["Factline__Projector__MaxBatchSize"] = "1000",
                ["Logging__LogLevel__Default"] = "Warning",
            });

    /// <summary>Records covered by the bookmarks the child process has committed; 0 before its store exists.</summary>
    private static long ReadProgress(string database)
    {
        if (!File.Exists(database))
            return 0;
        try
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
            {
                DataSource = database,
                Mode = SqliteOpenMode.ReadOnly,
                Pooling = false,
            }.ToString());
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT COALESCE(SUM(next_offset), 0) FROM bookmarks";
            return (long)command.ExecuteScalar()!;
        }
        catch (SqliteException)
        {
            return 0; // The schema is still being created.
        }
    }
}
