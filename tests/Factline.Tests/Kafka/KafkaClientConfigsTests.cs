using Confluent.Kafka;
using Factline.Kafka;
using Factline.Tests.Infrastructure;

namespace Factline.Tests.Kafka;

public sealed class KafkaClientConfigsTests(MockKafkaFixture kafka) : IClassFixture<MockKafkaFixture>
{
    [Fact]
    public void Consumer_leaves_offsets_to_the_projection_store_and_reads_from_the_earliest_record()
    {
        var config = KafkaClientConfigs.ForConsumer(new KafkaOptions { BootstrapServers = "broker:9092", GroupId = "projectors" });

        Assert.Equal("broker:9092", config.BootstrapServers);
        Assert.Equal("projectors", config.GroupId);
        Assert.False(config.EnableAutoCommit);
        Assert.False(config.EnableAutoOffsetStore);
        Assert.Equal(AutoOffsetReset.Earliest, config.AutoOffsetReset);
        Assert.True(config.EnablePartitionEof);
    }

    [Fact]
    public void Consumer_with_a_full_prefetch_queue_fetches_again_within_milliseconds_not_a_second()
    {
        var config = KafkaClientConfigs.ForConsumer(new KafkaOptions());

        Assert.InRange(config.FetchQueueBackoffMs!.Value, 1, 50);
    }

    [Fact]
    public void Consumer_protocol_sets_no_classic_only_settings()
    {
        var config = KafkaClientConfigs.ForConsumer(new KafkaOptions { GroupProtocol = "consumer" });

        Assert.Equal(GroupProtocol.Consumer, config.GroupProtocol);
        Assert.Null(config.PartitionAssignmentStrategy);
        Assert.Null(config.SessionTimeoutMs);
    }

    [Fact]
    public void Classic_protocol_uses_cooperative_rebalancing()
    {
        var config = KafkaClientConfigs.ForConsumer(new KafkaOptions { GroupProtocol = " Classic " });

        Assert.Equal(GroupProtocol.Classic, config.GroupProtocol);
        Assert.Equal(PartitionAssignmentStrategy.CooperativeSticky, config.PartitionAssignmentStrategy);
    }

    [Fact]
    public void Unknown_group_protocol_is_refused_with_the_setting_and_value()
    {
        var error = Assert.Throws<ArgumentException>(() => KafkaClientConfigs.ForConsumer(new KafkaOptions { GroupProtocol = "eager" }));

        Assert.Contains("Factline:Kafka:GroupProtocol", error.Message);
        Assert.Contains("\"eager\"", error.Message);
    }

    [Fact]
    public void Producer_is_idempotent_and_waits_for_all_replicas()
    {
        var config = KafkaClientConfigs.ForProducer(new KafkaOptions());

        Assert.True(config.EnableIdempotence);
        Assert.Equal(Acks.All, config.Acks);
    }

    [Fact]
    public void Free_form_client_settings_reach_every_client_and_win_over_defaults()
    {
        var options = new KafkaOptions
        {
            Client = { ["client.id"] = "order-svc", ["enable.partition.eof"] = "false", ["linger.ms"] = "20" },
        };

        var consumer = KafkaClientConfigs.ForConsumer(options);
        var producer = KafkaClientConfigs.ForProducer(options);
        var admin = KafkaClientConfigs.ForAdmin(options);

        Assert.Equal("order-svc", consumer.ClientId);
        Assert.False(consumer.EnablePartitionEof);
        Assert.Equal("order-svc", producer.ClientId);
        Assert.Equal(20, producer.LingerMs);
        Assert.Equal("order-svc", admin.ClientId);
    }

    [Fact]
    public void Consumer_reads_each_record_with_its_topic_and_broker_time_and_without_its_headers()
    {
        var topic = kafka.CreateTopic();
        using (var producer = new ProducerBuilder<string, string>(KafkaClientConfigs.ForProducer(kafka.Options(topic))).Build())
        {
            producer.Produce(topic, new Message<string, string> { Key = "PO-1", Value = "{}", Headers = [new Header("traceparent", [1, 2, 3])] });
            producer.Flush(TimeSpan.FromSeconds(10));
        }

        using var consumer = new ConsumerBuilder<string, string>(KafkaClientConfigs.ForConsumer(kafka.Options(topic))).Build();
        consumer.Assign(new TopicPartitionOffset(topic, 0, Offset.Beginning));
        var record = consumer.Consume(TimeSpan.FromSeconds(10));

        Assert.Equal(topic, record.Topic);
        Assert.Equal("{}", record.Message.Value);
        Assert.Equal(TimestampType.CreateTime, record.Message.Timestamp.Type);
        Assert.Null(record.Message.Headers);
    }

    [Theory]
    [InlineData("consumer")]
    [InlineData("classic")]
    public async Task A_group_consumer_of_either_protocol_is_assigned_every_partition_and_reads_the_log(string protocol)
    {
        var topic = kafka.CreateTopic(partitions: 3);
        var written = new HashSet<string>();
        for (var i = 0; i < 9; i++)
        {
            var fact = $"fact-{i}";
            await kafka.ProduceRawAsync(topic, $"PO-{i}", fact);
            written.Add(fact);
        }
        var options = kafka.Options(topic);
        options.GroupProtocol = protocol;

        using var consumer = new ConsumerBuilder<string, string>(KafkaClientConfigs.ForConsumer(options)).Build();
        consumer.Subscribe(topic);
        var read = new HashSet<string>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (read.Count < written.Count && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { IsPartitionEOF: false } record)
                read.Add(record.Message.Value);
        }

        Assert.Equal(3, consumer.Assignment.Count);
        Assert.Equal(written, read);
        consumer.Close();
    }
}
