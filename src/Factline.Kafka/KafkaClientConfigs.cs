using Confluent.Kafka;

namespace Factline.Kafka;

/// <summary>
/// Builds Confluent client configurations from <see cref="KafkaOptions"/>: Factline's defaults first,
/// then the free-form <see cref="KafkaOptions.Client"/> settings, which win.
/// </summary>
public static class KafkaClientConfigs
{
    /// <summary>
    /// An idempotent producer that waits for all in-sync replicas: no duplicates, no reordering on retry.
    /// Keys are placed with murmur2 like Java clients, so one correlationId lands in the same partition
    /// whichever language produced it, and Factline can name the partition a key belongs to.
    /// </summary>
    public static ProducerConfig ForProducer(KafkaOptions options)
    {
        var config = new ProducerConfig
        {
            BootstrapServers = options.BootstrapServers,
            EnableIdempotence = true,
            Acks = Acks.All,
            Partitioner = Partitioner.Murmur2Random,
        };
        return WithClientSettings(config, options);
    }

    /// <summary>
    /// A group consumer that never commits to Kafka (the projection store keeps the bookmark), starts
    /// at the earliest retained record when no bookmark exists, and reports reaching the end of each
    /// partition: results with <c>IsPartitionEOF</c> carry no message. A projector behind the log keeps
    /// librdkafka's prefetch queue full; once full, librdkafka postpones each partition's next fetch by
    /// <c>fetch.queue.backoff.ms</c> (1 s by default), long enough for the queue to run dry and the
    /// projector to stall (a replay into memory ran at 117k instead of 262k facts/s), so it looks again after 10 ms.
    /// Records come without their headers: a fact is its value, and reading headers costs a native call and a
    /// collection object per record.
    /// </summary>
    public static ConsumerConfig ForConsumer(KafkaOptions options)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = options.BootstrapServers,
            GroupId = options.GroupId,
            GroupProtocol = ParseGroupProtocol(options),
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnablePartitionEof = true,
            FetchQueueBackoffMs = 10,
            ConsumeResultFields = "topic,timestamp",
        };
        // With KIP-848 the broker assigns partitions; classic-only settings such as the assignment
        // strategy or session.timeout.ms are rejected by librdkafka, so set them only for classic.
        if (config.GroupProtocol == GroupProtocol.Classic)
            config.PartitionAssignmentStrategy = PartitionAssignmentStrategy.CooperativeSticky;
        return WithClientSettings(config, options);
    }

    public static AdminClientConfig ForAdmin(KafkaOptions options) =>
        WithClientSettings(new AdminClientConfig { BootstrapServers = options.BootstrapServers }, options);

    /// <summary>
    /// Checks <see cref="KafkaOptions.Client"/> the way the clients will read them, so that a misspelt setting or a bad
    /// value stops the service at start naming it, not later inside the client that first reads it. A consumer and a
    /// producer (which the admin client is) are made without brokers, so nothing connects, and disposed at once.
    /// </summary>
    /// <exception cref="ArgumentException">librdkafka refuses a setting; the message names it.</exception>
    public static void Validate(KafkaOptions options)
    {
        // Made first: a wrong Factline setting (the group protocol) is named as what it is, not as a client setting.
        var consumer = WithoutBrokers(ForConsumer(options));
        var producer = WithoutBrokers(ForProducer(options));
        try
        {
            using (new ConsumerBuilder<Ignore, Ignore>(consumer).SetLogHandler(Silent).Build())
            using (new ProducerBuilder<Null, byte[]>(producer).SetLogHandler(Silent).Build())
            {
            }
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or KafkaException)
        {
            throw new ArgumentException($"{KafkaOptions.Section}:{nameof(KafkaOptions.Client)} is refused by the Kafka client: {e.Message}.", e);
        }
    }

    /// <summary>Warnings such as "a consumer setting, ignored by this producer" are the check's own business.</summary>
    private static void Silent(IClient client, LogMessage message)
    {
    }

    private static T WithoutBrokers<T>(T config) where T : ClientConfig
    {
        config.BootstrapServers = null;
        return config;
    }

    private static T WithClientSettings<T>(T config, KafkaOptions options) where T : ClientConfig
    {
        foreach (var (name, value) in options.Client)
            config.Set(name, value);
        return config;
    }

    private static GroupProtocol ParseGroupProtocol(KafkaOptions options) => options.GroupProtocol.Trim().ToLowerInvariant() switch
    {
        "consumer" => GroupProtocol.Consumer,
        "classic" => GroupProtocol.Classic,
        _ => throw new ArgumentException(
            $"{KafkaOptions.Section}:{nameof(KafkaOptions.GroupProtocol)} must be \"consumer\" (KIP-848) or \"classic\", not \"{options.GroupProtocol}\".",
            nameof(options)),
    };
}
