using System.Diagnostics;
using System.Text.RegularExpressions;
using Factline.Projection;
using Factline.Storage;
using Factline.Storage.Memory;
using Factline.Tests.Api;
using Factline.Tests.Infrastructure;

namespace Factline.Tests.Projection;

/// <summary>A store that fails for a moment: the projector applies the batch again, and every fact lands once.</summary>
[Collection(MockKafkaCollection.Name)]
public sealed class ApplyRetryTests(MockKafkaFixture kafka)
{
    [Fact]
    public async Task Failed_applies_are_tried_again_counted_and_leave_every_fact_stored_once()
    {
        var topic = kafka.CreateTopic(partitions: 2);
        var produced = SimulatedLog.Produce(kafka, topic, 300);
        await using var store = new MemoryProjectionStore();
        var failing = new FailingFirstApplies(store, failures: 2);
        var projector = InProcessProjection.Create(kafka.Options(topic), failing);

        await InProcessProjection.RunUntilAsync(projector, store, SimulatedLog.Ends(kafka, topic));

        Assert.Equal(2, failing.Failed);
        Assert.Equal(2, projector.Statistics.ApplyRetries);
        var counters = await store.ReadCountersAsync();
        Assert.Equal(produced.Count, counters.Facts);
        Assert.Equal(0, counters.Duplicates);
        Assert.Equal(produced.Count, projector.Statistics.Inserted);
    }

    [Fact]
    public async Task A_store_that_keeps_failing_gets_the_configured_tries_once_and_the_projector_fails()
    {
        var topic = kafka.CreateTopic(partitions: 2);
        SimulatedLog.Produce(kafka, topic, 50);
        await using var store = new MemoryProjectionStore();
        var failing = new FailingFirstApplies(store, failures: int.MaxValue);
        var projector = InProcessProjection.Create(kafka.Options(topic), failing, new ProjectorOptions { ApplyRetries = 2 });

        await Assert.ThrowsAsync<IOException>(() => Task.Run(() => projector.RunAsync(CancellationToken.None)));

        Assert.Equal(3, failing.Failed); // the first try and two retries, not a second round on the way out
    }

    [Fact]
    public async Task A_stop_while_the_store_fails_ends_promptly_and_says_what_was_left_to_read_again()
    {
        var topic = kafka.CreateTopic(partitions: 2);
        var produced = SimulatedLog.Produce(kafka, topic, 50);
        await using var store = new MemoryProjectionStore();
        var failing = new FailingFirstApplies(store, failures: int.MaxValue);
        var logs = new RecordingLoggerProvider();
        using var loggers = LoggerFactory.Create(logging => logging.AddProvider(logs));
        var projector = InProcessProjection.Create(kafka.Options(topic), failing, new ProjectorOptions { ApplyRetries = 8 }, logger: loggers.CreateLogger<Projector>());
        using var stop = new CancellationTokenSource();
        var run = Task.Run(() => projector.RunAsync(stop.Token));
        await InProcessProjection.WaitUntilAsync(() => Task.FromResult(failing.Failed > 0), run);

        var stopping = Stopwatch.StartNew();
        await stop.CancelAsync();
        await run; // a stop is not a failure: nothing was lost, the bookmarks still point before what was read

        Assert.InRange(stopping.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(20));
        var warning = Assert.Single(logs.Entries, e => e.Message.StartsWith("Stopping with", StringComparison.Ordinal));
        // How many were read by the stop depends on timing (the second partition may not have been fetched yet).
        Assert.Matches(@"^Stopping with \d+ records read but not applied: the store did not take them within 10 s; " +
            "the next start reads them again from its bookmarks$", warning.Message);
        Assert.InRange(int.Parse(Regex.Match(warning.Message, @"\d+").Value), 1, produced.Count);
        Assert.All((await store.ReadBookmarksAsync()).Values, bookmark => Assert.Equal(0, bookmark.NextOffset));
        // Each retry is one line; a stack trace per attempt would bury the log during an outage.
        var retries = logs.Entries.Where(e => e.Message.StartsWith("Applying a batch failed", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(retries);
        Assert.All(retries, retry =>
        {
            Assert.Null(retry.Exception);
            Assert.Matches(@"^Applying a batch failed \(attempt \d+\): the store's server is restarting; retrying in 00:00:\d", retry.Message);
        });
    }

    /// <summary>Throws, as a store whose server restarts would, on the first applies; then applies as the store does.</summary>
    private sealed class FailingFirstApplies(IProjectionWriter store, int failures) : IProjectionWriter
    {
        public int Failed { get; private set; }

        public Task<IReadOnlyDictionary<PartitionId, Bookmark>> ReadBookmarksAsync(CancellationToken cancellationToken = default) =>
            store.ReadBookmarksAsync(cancellationToken);

        public Task<IReadOnlyDictionary<PartitionId, Bookmark>> ClaimAsync(IReadOnlyCollection<PartitionId> partitions, CancellationToken cancellationToken = default) =>
            store.ClaimAsync(partitions, cancellationToken);

        public Task<ApplyResult> ApplyAsync(ProjectionBatch batch, CancellationToken cancellationToken = default)
        {
            if (Failed >= failures)
                return store.ApplyAsync(batch, cancellationToken);
            Failed++;
            throw new IOException("the store's server is restarting");
        }
    }
}
