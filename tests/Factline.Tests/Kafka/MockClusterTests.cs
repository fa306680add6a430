using Confluent.Kafka;
using Factline.Kafka;
using Factline.Kafka.Mock;
using Factline.Tests.Infrastructure;

namespace Factline.Tests.Kafka;

public sealed class MockClusterTests(MockKafkaFixture kafka) : IClassFixture<MockKafkaFixture>
{
    [Fact]
    public void Created_topic_has_the_requested_partitions_in_metadata()
    {
        var topic = kafka.CreateTopic(partitions: 5);

        using var admin = new AdminClientBuilder(KafkaClientConfigs.ForAdmin(kafka.Options())).Build();
        var metadata = admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics.Single();

        Assert.False(metadata.Error.IsError, metadata.Error.Reason);
        Assert.Equal([0, 1, 2, 3, 4], metadata.Partitions.Select(p => p.PartitionId).Order());
    }

    [Fact]
    public void Creating_an_existing_topic_fails_with_the_kafka_error()
    {
        var topic = kafka.CreateTopic();

        var error = Assert.Throws<KafkaException>(() => kafka.Cluster.CreateTopic(topic, 1));

        Assert.Equal(ErrorCode.TopicAlreadyExists, error.Error.Code);
        Assert.Contains(topic, error.Message);
    }

    [Fact]
    public void Bad_topic_arguments_are_refused_before_reaching_the_cluster()
    {
        Assert.Throws<ArgumentException>(() => kafka.Cluster.CreateTopic(" ", 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => kafka.Cluster.CreateTopic("no-partitions", 0));
    }

    [Fact]
    public void Brokers_are_numbered_from_one()
    {
        using var cluster = new MockCluster(brokers: 3);

        Assert.Equal([1, 2, 3], cluster.BrokerIds);
        Assert.Equal(3, cluster.BootstrapServers.Split(',').Length);
    }

    [Fact]
    public void A_disposed_cluster_refuses_further_use()
    {
        var cluster = new MockCluster();
        cluster.Dispose();
        cluster.Dispose();

        Assert.Throws<ObjectDisposedException>(() => cluster.CreateTopic("after-dispose", 1));
        Assert.Throws<ObjectDisposedException>(() => cluster.SetBrokerDown(1));
    }

    [Fact]
    public void Clusters_can_be_created_and_disposed_concurrently()
    {
        Parallel.For(0, 8, _ =>
        {
            using var cluster = new MockCluster();
            cluster.CreateTopic("parallel", 2);
        });
    }

    [Fact]
    public void Unknown_broker_is_a_clear_error()
    {
        var error = Assert.Throws<KafkaException>(() => kafka.Cluster.SetBrokerRtt(42, TimeSpan.FromMilliseconds(5)));

        Assert.Contains("broker 42", error.Message);
    }

    [Fact]
    public async Task A_broker_that_is_down_refuses_produce_until_it_is_up_again()
    {
        using var cluster = new MockCluster();
        cluster.CreateTopic("outage", 1);
        using var producer = new ProducerBuilder<string, string>(new ProducerConfig
        {
            BootstrapServers = cluster.BootstrapServers,
            MessageTimeoutMs = 1500,
        }).Build();
        await producer.ProduceAsync("outage", new Message<string, string> { Key = "k", Value = "before" });

        cluster.SetBrokerDown(1);
        var failure = await Assert.ThrowsAsync<ProduceException<string, string>>(
            () => producer.ProduceAsync("outage", new Message<string, string> { Key = "k", Value = "during" }));
        cluster.SetBrokerUp(1);
        var after = await ProduceOnceReconnectedAsync(producer);

        Assert.Equal(ErrorCode.Local_MsgTimedOut, failure.Error.Code);
        Assert.Equal(PersistenceStatus.Persisted, after.Status);
    }

    /// <summary>The client reconnects with a backoff that can outlast one short message timeout on a busy machine.</summary>
    private static async Task<DeliveryResult<string, string>> ProduceOnceReconnectedAsync(IProducer<string, string> producer)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await producer.ProduceAsync("outage", new Message<string, string> { Key = "k", Value = "after" });
            }
            catch (ProduceException<string, string> e) when (e.Error.Code == ErrorCode.Local_MsgTimedOut && attempt < 10)
            {
            }
        }
    }

    [Fact]
    public async Task Pushed_request_errors_fail_requests_until_cleared()
    {
        const short produceApiKey = 0;
        using var cluster = new MockCluster();
        cluster.CreateTopic("faults", 1);
        using var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = cluster.BootstrapServers }).Build();

        cluster.PushRequestErrors(produceApiKey, ErrorCode.MsgSizeTooLarge);
        var failure = await Assert.ThrowsAsync<ProduceException<string, string>>(
            () => producer.ProduceAsync("faults", new Message<string, string> { Key = "k", Value = "refused" }));

        cluster.PushRequestErrors(produceApiKey, ErrorCode.MsgSizeTooLarge);
        cluster.ClearRequestErrors(produceApiKey);
        var delivered = await producer.ProduceAsync("faults", new Message<string, string> { Key = "k", Value = "accepted" });

        Assert.Equal(ErrorCode.MsgSizeTooLarge, failure.Error.Code);
        Assert.Equal(PersistenceStatus.Persisted, delivered.Status);
    }

    [Fact]
    public void The_binding_and_confluent_kafka_share_one_librdkafka()
    {
        using var cluster = new MockCluster();
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = cluster.BootstrapServers }).Build();
        admin.GetMetadata(TimeSpan.FromSeconds(10));

        var loaded = File.ReadLines("/proc/self/maps")
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "")
            .Where(path => Path.GetFileName(path).Contains("librdkafka", StringComparison.Ordinal))
            .Distinct()
            .ToList();

        Assert.Single(loaded);
    }
}
