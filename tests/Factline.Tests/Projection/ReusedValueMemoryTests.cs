using System.Text;
using Factline.Envelope;
using Factline.Projection;
using Factline.Storage.Memory;
using Factline.Tests.Infrastructure;

namespace Factline.Tests.Projection;

/// <summary>The projector reads values into memory it reuses once their batch is applied: no stored fact may change.</summary>
[Collection(MockKafkaCollection.Name)]
public sealed class ReusedValueMemoryTests(MockKafkaFixture kafka)
{
    [Fact]
    public async Task Over_many_small_batches_every_stored_fact_is_exactly_the_one_produced()
    {
        var topic = kafka.CreateTopic(partitions: 3);
        var produced = SimulatedLog.Produce(kafka, topic, 3_000);
        await using var store = new MemoryProjectionStore();
        // Batches of 40 facts each fill a fraction of a chunk: every chunk is handed back and reused many times.
        var projector = InProcessProjection.Create(kafka.Options(topic), store, new ProjectorOptions { MaxBatchSize = 40 });

        await InProcessProjection.RunUntilAsync(projector, store, SimulatedLog.Ends(kafka, topic));

        Assert.True(projector.Statistics.Batches >= produced.Count / 40);
        var stored = (await StoreContents.ReadAllAsync(store)).ToDictionary(f => f.Fact.EventId);
        Assert.Equal(produced.Count, stored.Count);
        Assert.All(produced, fact => Assert.Equal(Json(fact), Json(stored[fact.EventId].Fact)));
    }

    private static string Json(Fact fact) => Encoding.UTF8.GetString(FactCodec.Encode(fact));
}
