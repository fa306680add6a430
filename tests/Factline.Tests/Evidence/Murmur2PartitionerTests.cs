using System.Text;
using Factline.Kafka;
using Factline.Tests.Infrastructure;

namespace Factline.Tests.Evidence;

[Collection(MockKafkaCollection.Name)]
public sealed class Murmur2PartitionerTests(MockKafkaFixture kafka)
{
    /// <summary>The vectors of Apache Kafka's own UtilsTest.testMurmur2.</summary>
    [Theory]
    [InlineData("21", -973932308)]
    [InlineData("foobar", -790332482)]
    [InlineData("a-little-bit-long-string", -985981536)]
    [InlineData("a-little-bit-longer-string", -1486304829)]
    [InlineData("lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8", -58897971)]
    [InlineData("abc", 479470107)]
    public void Hashes_exactly_like_kafka(string key, int expected) =>
        Assert.Equal(expected, Murmur2Partitioner.Hash(Encoding.ASCII.GetBytes(key)));

    [Fact]
    public async Task Names_the_partition_the_fact_producer_actually_used()
    {
        const int partitions = 7;
        var topic = kafka.CreateTopic(partitions);
        using var producer = kafka.CreateFactProducer(topic);

        for (var i = 0; i < 60; i++)
        {
            var key = $"PO-2026-{i:D6}";
            var position = await producer.ProduceAsync(SampleFacts.Execution(key));
            Assert.Equal(position.Partition, Murmur2Partitioner.PartitionFor(key, partitions));
        }
    }
}
