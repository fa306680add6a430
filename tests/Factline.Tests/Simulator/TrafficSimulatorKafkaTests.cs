using System.Text;
using Factline.Envelope;
using Factline.Simulator;
using Factline.Simulator.Traffic;
using Factline.Tests.Infrastructure;

namespace Factline.Tests.Simulator;

public sealed class TrafficSimulatorKafkaTests(MockKafkaFixture kafka) : IClassFixture<MockKafkaFixture>
{
    [Fact]
    public async Task Simulated_facts_land_in_kafka_keyed_by_correlation_id_in_transaction_order()
    {
        var topic = kafka.CreateTopic(partitions: 3);
        using (var producer = kafka.CreateFactProducer(topic))
        {
            var simulator = new TrafficSimulator(new FlowGenerator(Simulation.Options(seed: 51)), new FactProducerSink(producer),
                new TrafficOptions { RatePerSecond = 0, MaxTransactions = 60 });
            await simulator.RunAsync();
            Assert.Equal(60, simulator.TransactionsProduced);
        }

        var records = kafka.ConsumeAll(topic);

        var expected = Simulation.Generate(Simulation.Options(seed: 51), 60);
        Assert.Equal(expected.Sum(t => t.Facts.Count), records.Count);
        Assert.All(records, r =>
        {
            var decoded = FactCodec.Decode(r.Message.Value);
            Assert.True(decoded.IsValid, decoded.Problem?.ToString());
            Assert.Equal(decoded.Fact.CorrelationId, r.Message.Key);
        });
        foreach (var transaction in expected)
        {
            var inLog = records.Where(r => r.Message.Key == transaction.CorrelationId).ToList();
            Assert.Single(inLog.Select(r => r.Partition.Value).Distinct());
            Assert.Equal(
                transaction.Facts.Select(f => Encoding.UTF8.GetString(FactCodec.Encode(f.Fact))),
                inLog.Select(r => Encoding.UTF8.GetString(r.Message.Value!)));
        }
        Assert.True(records.Select(r => r.Partition.Value).Distinct().Count() > 1, "60 keys should spread over the partitions");
    }
}
