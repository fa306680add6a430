using System.Net;
using System.Net.Sockets;
using System.Text;
using Confluent.Kafka;
using Factline.Envelope;
using Factline.Kafka;
using Factline.Kafka.Dev;
using Factline.Tests.Infrastructure;

namespace Factline.Tests.Kafka;

public sealed class DevBrokerTests
{
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_fact_produced_by_kcat_reaches_a_confluent_group_consumer_with_its_key_and_partition()
    {
        await using var broker = DevBroker.Start(FreePortOptions());
        var fact = SampleFacts.Execution("PO-KCAT-1");

        // kcat's own default places keys by CRC32; Kafka's default (Java, and Factline's producer) is murmur2.
        await Kcat.RunAsync(["-b", broker.BootstrapServers, "-X", "partitioner=murmur2_random", "-P", "-t", "tmf.facts", "-k", fact.CorrelationId],
            input: Encoding.UTF8.GetString(FactCodec.Encode(fact)) + "\n");
        var sameKey = await ProduceAsync(broker.BootstrapServers, fact.CorrelationId, "from confluent");

        var received = ConsumeOneWithGroup(broker.BootstrapServers, "tmf.facts");
        Assert.Equal(fact.CorrelationId, received.Message.Key);
        Assert.Equal(sameKey.Partition, received.Partition);
        var decoded = FactCodec.Decode(received.Message.Value);
        Assert.True(decoded.IsValid, decoded.Problem?.ToString());
        Assert.Equal(fact.EventId, decoded.Fact.EventId);
    }

    [Fact]
    public async Task A_record_produced_through_the_broker_is_read_back_by_kcat()
    {
        await using var broker = DevBroker.Start(FreePortOptions());
        var delivered = await ProduceAsync(broker.BootstrapServers, "PO-READ-1", "hello kcat");

        var output = await Kcat.RunAsync(["-b", broker.BootstrapServers, "-C", "-t", "tmf.facts", "-e", "-q", "-o", "beginning", "-f", "%k|%p|%o|%s\n"]);

        Assert.Equal($"PO-READ-1|{delivered.Partition.Value}|{delivered.Offset.Value}|hello kcat", output.Trim());
    }

    [Fact]
    public async Task Every_broker_is_advertised_on_its_own_forwarded_port()
    {
        var options = FreePortOptions();
        options.Brokers = 3;
        await using var broker = DevBroker.Start(options);
        var bootstrap = broker.BootstrapServers.Split(',');

        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrap[0] }).Build();
        var metadata = admin.GetMetadata("tmf.facts", TimeSpan.FromSeconds(10));
        var advertised = metadata.Brokers.OrderBy(b => b.BrokerId).Select(b => $"{b.Host}:{b.Port}");

        Assert.Equal(bootstrap, advertised);
        Assert.True(metadata.Topics.Single().Partitions.Select(p => p.Leader).Distinct().Count() > 1,
            "the partitions should be led by several brokers, so clients must reach each one through its forwarder");
        var written = await ProduceAsync(bootstrap[0], [.. Enumerable.Range(0, 30).Select(i => ($"PO-{i}", $"fact {i}"))]);
        var read = TopicReader.ReadAll(bootstrap[0], "tmf.facts", ReadTimeout);
        Assert.Equal(written.Select(w => (w.Partition.Value, w.Offset.Value)).Order(), read.Select(r => (r.Partition.Value, r.Offset.Value)));
    }

    [Fact]
    public async Task Configured_topics_are_created_with_their_partitions()
    {
        var options = FreePortOptions();
        options.Topics = [new DevTopic { Name = "orders.facts", Partitions = 3 }, new DevTopic { Name = "billing.facts", Partitions = 2 }];
        await using var broker = DevBroker.Start(options);

        Assert.Equal(3, TopicReader.Partitions(broker.BootstrapServers, "orders.facts").Count);
        Assert.Equal(2, TopicReader.Partitions(broker.BootstrapServers, "billing.facts").Count);
    }

    [Fact]
    public async Task Dispose_closes_client_connections_and_frees_the_port()
    {
        var broker = DevBroker.Start(FreePortOptions());
        var port = int.Parse(broker.BootstrapServers.Split(':')[1]);
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port);

        await broker.DisposeAsync();

        var read = await ReadOrResetAsync(client.GetStream());
        Assert.Equal(0, read);
        await using var again = DevBroker.Start(new DevBrokerOptions { Port = port });
        Assert.Equal($"127.0.0.1:{port}", again.BootstrapServers);
    }

    [Fact]
    public void A_port_in_use_is_reported_with_the_address()
    {
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        var port = ((IPEndPoint)occupant.LocalEndpoint).Port;

        var error = Assert.Throws<IOException>(() => DevBroker.Start(new DevBrokerOptions { Port = port }));

        Assert.Contains($"127.0.0.1:{port}", error.Message);
        Assert.Contains("already in use", error.Message);
    }

    [Theory]
    [InlineData(nameof(DevBrokerOptions.Brokers))]
    [InlineData(nameof(DevBrokerOptions.Port))]
    [InlineData(nameof(DevBrokerOptions.Topics))]
    [InlineData(nameof(DevBrokerOptions.Host))]
    public void Unusable_options_are_refused_naming_the_setting(string setting)
    {
        var options = new DevBrokerOptions();
        switch (setting)
        {
            case nameof(DevBrokerOptions.Brokers): options.Brokers = 0; break;
            case nameof(DevBrokerOptions.Port): options.Port = 65535; options.Brokers = 2; break;
            case nameof(DevBrokerOptions.Topics): options.Topics.Add(new DevTopic { Name = "tmf.facts", Partitions = 1 }); break;
            case nameof(DevBrokerOptions.Host): options.Host = " "; break;
        }

        var error = Assert.Throws<ArgumentException>(() => DevBroker.Start(options));

        Assert.Equal(setting, error.ParamName);
        Assert.Contains($"{DevBrokerOptions.Section}:{setting}", error.Message);
    }

    private static DevBrokerOptions FreePortOptions() => new() { Port = 0 };

    private static async Task<DeliveryResult<string, string>> ProduceAsync(string bootstrapServers, string key, string value) =>
        (await ProduceAsync(bootstrapServers, [(key, value)])).Single();

    private static async Task<DeliveryResult<string, string>[]> ProduceAsync(string bootstrapServers, (string Key, string Value)[] records)
    {
        using var producer = new ProducerBuilder<string, string>(
            KafkaClientConfigs.ForProducer(new KafkaOptions { BootstrapServers = bootstrapServers })).Build();
        return await Task.WhenAll(records.Select(r => producer.ProduceAsync("tmf.facts", new Message<string, string> { Key = r.Key, Value = r.Value })));
    }

    /// <summary>Joins a fresh group (KIP-848 protocol, the default) and returns the first record of the topic.</summary>
    private static ConsumeResult<string, byte[]> ConsumeOneWithGroup(string bootstrapServers, string topic)
    {
        var options = new KafkaOptions { BootstrapServers = bootstrapServers, GroupId = $"devbroker-test-{Guid.NewGuid():N}" };
        using var consumer = new ConsumerBuilder<string, byte[]>(KafkaClientConfigs.ForConsumer(options)).Build();
        consumer.Subscribe(topic);
        var deadline = DateTime.UtcNow + ReadTimeout;
        try
        {
            while (DateTime.UtcNow < deadline)
            {
                var record = consumer.Consume(TimeSpan.FromMilliseconds(200));
                if (record is { IsPartitionEOF: false } && record.Offset == 0)
                    return record;
            }
            throw new TimeoutException($"No record arrived on {topic} through {bootstrapServers}.");
        }
        finally
        {
            consumer.Close();
        }
    }

    /// <summary>0 for an orderly close; a reset by the peer counts as closed too.</summary>
    private static async Task<int> ReadOrResetAsync(NetworkStream stream)
    {
        try
        {
            return await stream.ReadAsync(new byte[16]).AsTask().WaitAsync(ReadTimeout);
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
