using System.Runtime.InteropServices;

namespace Factline.Kafka.Mock;

/// <summary>
/// The slice of librdkafka's C API (rdkafka.h, rdkafka_mock.h) that the mock cluster needs.
/// The mock API is marked experimental upstream; signatures are checked against librdkafka 2.x.
/// </summary>
internal static unsafe partial class MockClusterNative
{
    public const int ProducerType = 0; // RD_KAFKA_PRODUCER
    public const int ConfOk = 0;       // RD_KAFKA_CONF_OK
    public const int AllBrokers = -1;

    static MockClusterNative() => LibrdkafkaLibrary.RegisterResolver(typeof(MockClusterNative).Assembly);

    [LibraryImport(LibrdkafkaLibrary.ImportName)]
    public static partial nint rd_kafka_conf_new();

    [LibraryImport(LibrdkafkaLibrary.ImportName, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int rd_kafka_conf_set(nint conf, string name, string value, byte* errstr, nuint errstrSize);

    [LibraryImport(LibrdkafkaLibrary.ImportName)]
    public static partial void rd_kafka_conf_destroy(nint conf);

    /// <summary>Takes ownership of <paramref name="conf"/> only when it succeeds.</summary>
    [LibraryImport(LibrdkafkaLibrary.ImportName)]
    public static partial nint rd_kafka_new(int type, nint conf, byte* errstr, nuint errstrSize);

    [LibraryImport(LibrdkafkaLibrary.ImportName)]
    public static partial void rd_kafka_destroy(nint rk);

    [LibraryImport(LibrdkafkaLibrary.ImportName)]
    public static partial nint rd_kafka_mock_cluster_new(nint rk, int brokerCount);

    [LibraryImport(LibrdkafkaLibrary.ImportName)]
    public static partial void rd_kafka_mock_cluster_destroy(nint cluster);

    /// <summary>Returns a string owned by the cluster: valid until the cluster is destroyed.</summary>
    [LibraryImport(LibrdkafkaLibrary.ImportName)]
    public static partial nint rd_kafka_mock_cluster_bootstraps(MockClusterHandle cluster);

    [LibraryImport(LibrdkafkaLibrary.ImportName)]
    public static partial void rd_kafka_mock_group_initial_rebalance_delay_ms(MockClusterHandle cluster, int delayMs);

    [LibraryImport(LibrdkafkaLibrary.ImportName)]
    public static partial void rd_kafka_mock_set_group_consumer_session_timeout_ms(MockClusterHandle cluster, int timeoutMs);

    [LibraryImport(LibrdkafkaLibrary.ImportName)]
    public static partial void rd_kafka_mock_set_group_consumer_heartbeat_interval_ms(MockClusterHandle cluster, int intervalMs);

    [LibraryImport(LibrdkafkaLibrary.ImportName, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int rd_kafka_mock_topic_create(MockClusterHandle cluster, string topic, int partitionCount, int replicationFactor);

    [LibraryImport(LibrdkafkaLibrary.ImportName)]
    public static partial int rd_kafka_mock_broker_set_rtt(MockClusterHandle cluster, int brokerId, int rttMs);

    [LibraryImport(LibrdkafkaLibrary.ImportName)]
    public static partial int rd_kafka_mock_broker_set_down(MockClusterHandle cluster, int brokerId);

    [LibraryImport(LibrdkafkaLibrary.ImportName)]
    public static partial int rd_kafka_mock_broker_set_up(MockClusterHandle cluster, int brokerId);

    [LibraryImport(LibrdkafkaLibrary.ImportName, StringMarshalling = StringMarshalling.Utf8)]
    public static partial void rd_kafka_mock_broker_set_host_port(MockClusterHandle cluster, int brokerId, string host, int port);

    [LibraryImport(LibrdkafkaLibrary.ImportName)]
    public static partial void rd_kafka_mock_push_request_errors_array(MockClusterHandle cluster, short apiKey, nuint count, int* errors);

    [LibraryImport(LibrdkafkaLibrary.ImportName)]
    public static partial void rd_kafka_mock_clear_request_errors(MockClusterHandle cluster, short apiKey);
}
