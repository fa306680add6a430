using System.Runtime.InteropServices;
using Confluent.Kafka;

namespace Factline.Kafka.Mock;

/// <summary>
/// librdkafka's in-process mock Kafka cluster: real Kafka-protocol brokers on 127.0.0.1 (random
/// ports) that any Kafka client can use. Supports produce (including idempotent), fetch, consumer
/// groups with commits and watermarks; not the CreateTopics admin API (use <see cref="CreateTopic"/>).
/// </summary>
/// <remarks>All members are thread-safe; after <see cref="Dispose"/> they throw <see cref="ObjectDisposedException"/>.</remarks>
public sealed unsafe class MockCluster : IDisposable
{
    private const int ErrorTextSize = 512;

    private readonly MockClusterHandle _handle;

    /// <param name="brokers">How many brokers to start; their ids are 1 to <paramref name="brokers"/>.</param>
    public MockCluster(int brokers = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(brokers, 1);

        _handle = Create(brokers);
        BrokerIds = Enumerable.Range(1, brokers).ToArray();
        BootstrapServers = Marshal.PtrToStringUTF8(MockClusterNative.rd_kafka_mock_cluster_bootstraps(_handle))
            ?? throw new InvalidOperationException("The mock cluster reported no bootstrap servers.");

        // Brokers wait 3 s for more members before the first rebalance by default; tests and the
        // dev broker want consumers assigned at once.
        MockClusterNative.rd_kafka_mock_group_initial_rebalance_delay_ms(_handle, 0);
    }

    /// <summary>The brokers' real listeners, e.g. "127.0.0.1:41231,127.0.0.1:40117".</summary>
    public string BootstrapServers { get; }

    public IReadOnlyList<int> BrokerIds { get; }

    /// <summary>Creates a topic with replication factor 1. Fails if the topic already exists.</summary>
    public void CreateTopic(string name, int partitions)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        ThrowOnError(MockClusterNative.rd_kafka_mock_topic_create(Handle, name, partitions, 1), $"Creating topic '{name}'");
    }

    /// <summary>
    /// How long a KIP-848 group member that stopped heartbeating keeps its partitions, and how often members
    /// heartbeat (the broker settings <c>group.consumer.session.timeout.ms</c> and <c>group.consumer.heartbeat.interval.ms</c>).
    /// </summary>
    public void SetConsumerGroupTimeouts(TimeSpan sessionTimeout, TimeSpan heartbeatInterval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(heartbeatInterval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(sessionTimeout, heartbeatInterval);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sessionTimeout.TotalMilliseconds, int.MaxValue, nameof(sessionTimeout));
        MockClusterNative.rd_kafka_mock_set_group_consumer_session_timeout_ms(Handle, (int)sessionTimeout.TotalMilliseconds);
        MockClusterNative.rd_kafka_mock_set_group_consumer_heartbeat_interval_ms(Handle, (int)heartbeatInterval.TotalMilliseconds);
    }

    /// <summary>Delays every response of one broker: a slow network or an overloaded broker.</summary>
    public void SetBrokerRtt(int brokerId, TimeSpan rtt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rtt, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rtt.TotalMilliseconds, int.MaxValue, nameof(rtt));
        ThrowOnError(MockClusterNative.rd_kafka_mock_broker_set_rtt(Handle, brokerId, (int)rtt.TotalMilliseconds),
            $"Setting the round-trip time of broker {brokerId}");
    }

    /// <summary>Disconnects the broker's clients and refuses new connections. Leadership does not move.</summary>
    public void SetBrokerDown(int brokerId) =>
        ThrowOnError(MockClusterNative.rd_kafka_mock_broker_set_down(Handle, brokerId), $"Taking broker {brokerId} down");

    public void SetBrokerUp(int brokerId) =>
        ThrowOnError(MockClusterNative.rd_kafka_mock_broker_set_up(Handle, brokerId), $"Bringing broker {brokerId} up");

    /// <summary>Changes the address the broker advertises in metadata; it keeps listening where it was.</summary>
    public void AdvertiseBroker(int brokerId, string host, int port)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, ushort.MaxValue);
        if (!BrokerIds.Contains(brokerId))
            throw new ArgumentOutOfRangeException(nameof(brokerId), brokerId, $"The cluster has brokers {string.Join(", ", BrokerIds)}.");
        MockClusterNative.rd_kafka_mock_broker_set_host_port(Handle, brokerId, host, port);
    }

    /// <summary>
    /// Makes the next requests of one type fail, cluster-wide, in order: the first request gets
    /// <paramref name="errors"/>[0], and so on. <see cref="ErrorCode.Local_Transport"/> disconnects the client.
    /// </summary>
    /// <param name="apiKey">The Kafka protocol request type, e.g. 0 = Produce, 1 = Fetch, 3 = Metadata.</param>
    public void PushRequestErrors(short apiKey, params ReadOnlySpan<ErrorCode> errors)
    {
        // ErrorCode is an int enum with librdkafka's own values: the span is already the C array.
        fixed (ErrorCode* first = errors)
            MockClusterNative.rd_kafka_mock_push_request_errors_array(Handle, apiKey, (nuint)errors.Length, (int*)first);
    }

    /// <summary>Forgets errors pushed for one request type. Error queues are cluster-wide: clear them between tests.</summary>
    public void ClearRequestErrors(short apiKey) => MockClusterNative.rd_kafka_mock_clear_request_errors(Handle, apiKey);

    public void Dispose() => _handle.Dispose();

    private MockClusterHandle Handle
    {
        get
        {
            ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
            return _handle;
        }
    }

    private static MockClusterHandle Create(int brokers)
    {
        var errorText = stackalloc byte[ErrorTextSize];
        var conf = MockClusterNative.rd_kafka_conf_new();
        // The owner instance never talks to a broker; only its own errors are worth printing.
        if (MockClusterNative.rd_kafka_conf_set(conf, "log_level", "3", errorText, ErrorTextSize) != MockClusterNative.ConfOk)
        {
            MockClusterNative.rd_kafka_conf_destroy(conf);
            throw new KafkaException(new Error(ErrorCode.Local_InvalidArg, ErrorString(errorText)));
        }

        var owner = MockClusterNative.rd_kafka_new(MockClusterNative.ProducerType, conf, errorText, ErrorTextSize);
        if (owner == 0)
        {
            MockClusterNative.rd_kafka_conf_destroy(conf);
            throw new KafkaException(new Error(ErrorCode.Local_Fail, $"Could not create the mock cluster's client: {ErrorString(errorText)}"));
        }

        var cluster = MockClusterNative.rd_kafka_mock_cluster_new(owner, brokers);
        if (cluster == 0)
        {
            MockClusterNative.rd_kafka_destroy(owner);
            throw new KafkaException(new Error(ErrorCode.Local_Fail, $"Could not start a mock cluster with {brokers} broker(s)."));
        }
        return new MockClusterHandle(cluster, owner);
    }

    private static string ErrorString(byte* text) => Marshal.PtrToStringUTF8((nint)text) ?? "unknown error";

    private static void ThrowOnError(int error, string action)
    {
        if (error != (int)ErrorCode.NoError)
        {
            var code = (ErrorCode)error;
            throw new KafkaException(new Error(code, $"{action} on the mock cluster failed: {code.GetReason()}"));
        }
    }
}
