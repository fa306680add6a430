using System.Net;
using Factline.Storage;
using Factline.Tests.Api;
using Factline.Tests.Infrastructure;
using Factline.Tests.Projection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Factline.Tests.EndToEnd;

/// <summary>
/// While the projector keeps retrying a batch (its store or dead-letter topic refuses it), the projection cannot follow
/// its log: readiness says so, with the reason, and is healthy again once the batch is in.
/// </summary>
[Collection(MockKafkaCollection.Name)]
public sealed class ApplyRetryHealthTests(MockKafkaFixture kafka)
{
    [Fact]
    public async Task A_batch_being_retried_makes_the_projection_degraded_until_it_is_applied()
    {
        var topic = kafka.CreateTopic(partitions: 1);
        await kafka.ProduceRawAsync(topic, "PO-RETRY-1", "not json");
        var gate = new RefusingUntilOpened();
        await using var factline = new FactlineInstance(kafka.BootstrapServers, topic);
        await factline.StartAsync(replaceServices: services => services.Replace(ServiceDescriptor.Singleton<IProjectionWriter>(
            sp => gate.Wrap(sp.GetRequiredService<IProjectionStore>()))));

        await InProcessProjection.WaitUntilAsync(() => Task.FromResult(gate.Refused > 0));
        var reasons = await ApiAssert.ProbeAsync(factline.Http, "/health/ready", HttpStatusCode.OK, "Degraded");
        Assert.Contains("projection: the projector is retrying a batch it could not apply: the dead-letter topic refuses writes", reasons);

        gate.Open();
        await factline.WaitForAsync(0, quarantined: 1);
        await InProcessProjection.WaitUntilAsync(async () => (await factline.Http.GetStringAsync("/health/ready")) == "Healthy");
    }

    /// <summary>A writer that refuses every batch until opened, as a store or a dead-letter topic that is down would.</summary>
    private sealed class RefusingUntilOpened
    {
        private volatile bool _open;
        private int _refused;

        public int Refused => Volatile.Read(ref _refused);

        public void Open() => _open = true;

        public IProjectionWriter Wrap(IProjectionWriter store) => new Writer(store, this);

        private sealed class Writer(IProjectionWriter store, RefusingUntilOpened gate) : IProjectionWriter
        {
            public Task<IReadOnlyDictionary<PartitionId, Bookmark>> ReadBookmarksAsync(CancellationToken cancellationToken = default) =>
                store.ReadBookmarksAsync(cancellationToken);

            public Task<IReadOnlyDictionary<PartitionId, Bookmark>> ClaimAsync(IReadOnlyCollection<PartitionId> partitions, CancellationToken cancellationToken = default) =>
                store.ClaimAsync(partitions, cancellationToken);

            public Task<ApplyResult> ApplyAsync(ProjectionBatch batch, CancellationToken cancellationToken = default)
            {
                if (gate._open || batch.Quarantined.Count == 0)
                    return store.ApplyAsync(batch, cancellationToken);
                Interlocked.Increment(ref gate._refused);
                throw new IOException("the dead-letter topic refuses writes");
            }
        }
    }
}
