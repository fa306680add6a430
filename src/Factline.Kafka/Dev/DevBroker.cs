using System.Net;
using System.Net.Sockets;
using Confluent.Kafka;
using Factline.Kafka.Mock;

namespace Factline.Kafka.Dev;

/// <summary>
/// A Kafka broker for development and tests: librdkafka's mock cluster made reachable on a fixed
/// address, so other processes and tools such as kcat can produce and consume through it.
/// </summary>
/// <remarks>
/// Mock brokers listen on random ports. Each broker gets a <see cref="TcpForwarder"/> on the fixed
/// port and advertises that port in its metadata, so clients that learn the cluster layout come
/// back through the forwarder too. Everything lives in this process and is gone when it is disposed.
/// </remarks>
public sealed class DevBroker : IAsyncDisposable, IDisposable
{
    private static readonly TimeSpan MetadataTimeout = TimeSpan.FromSeconds(10);

    private readonly IReadOnlyList<TcpForwarder> _forwarders;

    private DevBroker(MockCluster cluster, IReadOnlyList<TcpForwarder> forwarders, string bootstrapServers)
    {
        Cluster = cluster;
        _forwarders = forwarders;
        BootstrapServers = bootstrapServers;
    }

    /// <summary>What clients should use as bootstrap.servers, e.g. "127.0.0.1:9092".</summary>
    public string BootstrapServers { get; }

    /// <summary>The cluster behind the forwarders, for creating more topics or injecting faults.</summary>
    public MockCluster Cluster { get; }

    /// <summary>Starts the cluster, creates the topics and listens. Throws when a port is already in use.</summary>
    public static DevBroker Start(DevBrokerOptions options)
    {
        options.Validate();
        var bindAddress = ResolveBindAddress(options.Host);
        var cluster = new MockCluster(options.Brokers);
        var forwarders = new List<TcpForwarder>();
        try
        {
            foreach (var topic in options.Topics)
                cluster.CreateTopic(topic.Name, topic.Partitions);

            var listeners = DiscoverListeners(cluster);
            foreach (var brokerId in cluster.BrokerIds)
            {
                var port = options.Port == 0 ? 0 : options.Port + brokerId - 1;
                var forwarder = Listen(new IPEndPoint(bindAddress, port), listeners[brokerId]);
                forwarders.Add(forwarder);
                cluster.AdvertiseBroker(brokerId, options.Host, forwarder.LocalEndPoint.Port);
            }

            var bootstrap = string.Join(",", forwarders.Select(f => $"{options.Host}:{f.LocalEndPoint.Port}"));
            return new DevBroker(cluster, forwarders, bootstrap);
        }
        catch
        {
            foreach (var forwarder in forwarders)
                forwarder.DisposeAsync().AsTask().GetAwaiter().GetResult();
            cluster.Dispose();
            throw;
        }
    }

    /// <summary>Closes the listeners and every client connection, then stops the cluster.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var forwarder in _forwarders)
            await forwarder.DisposeAsync();
        Cluster.Dispose();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private static TcpForwarder Listen(IPEndPoint listenOn, IPEndPoint broker)
    {
        try
        {
            return TcpForwarder.Start(listenOn, broker);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            throw new IOException(
                $"Cannot listen on {listenOn}: the port is already in use (another dev broker or Kafka?). Choose another port " +
                $"({DevBrokerOptions.Section}:{nameof(DevBrokerOptions.Port)}: dev-broker --port, demo --broker-port).", e);
        }
    }

    /// <summary>Which real port each broker listens on, as the cluster itself reports it.</summary>
    private static Dictionary<int, IPEndPoint> DiscoverListeners(MockCluster cluster)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = cluster.BootstrapServers }).Build();
        var metadata = admin.GetMetadata(MetadataTimeout);
        return metadata.Brokers.ToDictionary(b => b.BrokerId, b => new IPEndPoint(ResolveBindAddress(b.Host), b.Port));
    }

    private static IPAddress ResolveBindAddress(string host)
    {
        if (IPAddress.TryParse(host, out var address))
            return address;
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
            return IPAddress.Loopback;
        IPAddress[] addresses;
        try
        {
            addresses = Dns.GetHostAddresses(host);
        }
        catch (SocketException e)
        {
            throw UnresolvedHost(host, $": {e.Message}");
        }
        return addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
            ?? addresses.FirstOrDefault()
            ?? throw UnresolvedHost(host, "");
    }

    private static ArgumentException UnresolvedHost(string host, string reason) =>
        new($"{DevBrokerOptions.Section}:{nameof(DevBrokerOptions.Host)} '{host}' does not resolve to an address{reason}.", nameof(host));
}
