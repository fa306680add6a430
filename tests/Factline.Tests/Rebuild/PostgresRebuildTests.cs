using Factline.Envelope;
using Factline.Kafka;
using Factline.Projection;
using Factline.Projection.Evidence;
using Factline.Projection.Rebuild;
using Factline.Projection.Replay;
using Factline.Storage.Postgres;
using Factline.Tests.Infrastructure;
using Factline.Tests.Projection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Factline.Tests.Rebuild;

/// <summary>
/// A rebuild of a PostgreSQL projection shared by two instances of one consumer group, run from one of them
/// while facts keep arriving: the other instance follows the swap on its own, and the rebuilt view ends
/// with every fact exactly once.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresRebuildTests(PostgresFixture postgres, MockKafkaFixture kafka) : IClassFixture<MockKafkaFixture>, IAsyncLifetime
{
    private readonly PostgresStores _stores = new(postgres);

    [Fact]
    public async Task Both_instances_move_to_the_rebuilt_schema_and_it_holds_every_fact_exactly_once()
    {
        var topic = kafka.CreateTopic(partitions: 4);
        var cluster = kafka.Options(topic);
        var options = _stores.NewOptions();
        var projectorOptions = new ProjectorOptions { MaxBatchSize = 100 };
        await using var rebuilding = Instance.Start(_stores.Open(options), cluster, projectorOptions);
        await using var other = Instance.Start(_stores.Open(options), cluster, projectorOptions);
        // Facts flow until the group has given partitions to both instances.
        var produced = new List<Fact>();
        for (var seed = 100; rebuilding.Projector.Statistics.Inserted == 0 || other.Projector.Statistics.Inserted == 0; seed++)
        {
            Assert.True(seed < 200, "the group never gave both instances partitions");
            produced.AddRange(SimulatedLog.Produce(kafka, topic, 200, seed));
            await InProcessProjection.WaitUntilAsync(() => InProcessProjection.HasReachedAsync(rebuilding.Store, SimulatedLog.Ends(kafka, topic)));
        }

        using var watermarks = new LogWatermarkMonitor(cluster, NullLogger<LogWatermarkMonitor>.Instance);
        var projectors = new ProjectorFactory(cluster, projectorOptions, new KafkaOffsetsForTimes(cluster, NullLogger<KafkaOffsetsForTimes>.Instance), NullLogger<Projector>.Instance);
        await using var rebuilder = new ProjectionRebuilder(rebuilding.Store, new PostgresShadowStores(options, TimeProvider.System), rebuilding.Projector,
            projectors, watermarks, new RebuildOptions { ProgressInterval = TimeSpan.FromMilliseconds(20) }, TimeProvider.System, NullLogger<ProjectionRebuilder>.Instance);
        Assert.True((await rebuilder.StartAsync()).Started);
        for (var seed = 2; seed < 8; seed++)
            produced.AddRange(SimulatedLog.Produce(kafka, topic, 200, seed));
        var result = await rebuilder.WaitAsync();
        produced.AddRange(SimulatedLog.Produce(kafka, topic, 400, seed: 8)); // both instances write after the swap
        await InProcessProjection.WaitUntilAsync(() => InProcessProjection.HasReachedAsync(other.Store, SimulatedLog.Ends(kafka, topic)));

        Assert.Equal(RebuildPhase.Completed, result?.Phase);
        var rebuiltSchema = ((PostgresProjectionStore)rebuilding.Store.Current).Schema;
        Assert.NotEqual(options.Schema, rebuiltSchema);
        Assert.Equal(rebuiltSchema, ((PostgresProjectionStore)other.Store.Current).Schema);
        var reopened = _stores.Open(options);
        Assert.Equal(rebuiltSchema, reopened.Schema);
        var counters = await reopened.ReadCountersAsync();
        Assert.Equal((produced.Count, 0L), (counters.Facts, counters.Duplicates));
        Assert.Equal(produced.Select(f => f.EventId).Order(StringComparer.Ordinal), (await StoreContents.ReadAllAsync(reopened)).Select(f => f.Fact.EventId));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _stores.DisposeAsync().AsTask();

    /// <summary>One instance of the service, as far as projecting goes: its live store and its projector in the group.</summary>
    private sealed class Instance : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private Task _run = Task.CompletedTask;

        private Instance(SwappableProjectionStore store, Projector projector)
        {
            Store = store;
            Projector = projector;
        }

        public SwappableProjectionStore Store { get; }
        public Projector Projector { get; }

        public static Instance Start(PostgresProjectionStore store, KafkaOptions cluster, ProjectorOptions options)
        {
            var live = new SwappableProjectionStore(store);
            var instance = new Instance(live, InProcessProjection.Create(cluster, live, options));
            instance._run = Task.Run(() => instance.Projector.RunAsync(instance._stop.Token));
            return instance;
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _run;
            await Store.DisposeAsync();
            _stop.Dispose();
        }
    }
}
