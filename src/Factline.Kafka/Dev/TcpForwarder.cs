using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Factline.Kafka.Dev;

/// <summary>
/// Listens on one address and relays every connection, byte for byte, to a target endpoint.
/// The mock brokers listen on random ports; this puts one of them behind a fixed port.
/// </summary>
internal sealed class TcpForwarder : IAsyncDisposable
{
    // CopyToAsync rents its buffer from the shared ArrayPool, so relays allocate no buffers of their own.
    private const int BufferSize = 64 * 1024;
    private const int Backlog = 512;
    private static readonly TimeSpan AcceptRetryDelay = TimeSpan.FromMilliseconds(20);

    private readonly Socket _listener;
    private readonly IPEndPoint _target;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<Task, bool> _relays = new();
    private readonly Task _acceptLoop;
    private int _disposed;

    private TcpForwarder(Socket listener, IPEndPoint target)
    {
        _listener = listener;
        _target = target;
        LocalEndPoint = (IPEndPoint)listener.LocalEndPoint!;
        _acceptLoop = AcceptLoopAsync();
    }

    /// <summary>The address actually listened on (the real port when port 0 was asked for).</summary>
    public IPEndPoint LocalEndPoint { get; }

    /// <summary>Binds and starts accepting. Throws <see cref="SocketException"/> when the address is taken.</summary>
    public static TcpForwarder Start(IPEndPoint listenOn, IPEndPoint target)
    {
        var listener = new Socket(listenOn.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.Bind(listenOn);
            listener.Listen(Backlog);
            return new TcpForwarder(listener, target);
        }
        catch
        {
            listener.Dispose();
            throw;
        }
    }

    /// <summary>Stops listening, closes every relayed connection and waits until all relays have ended.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
            return;
        await _stopping.CancelAsync();
        _listener.Dispose();
        await _acceptLoop;
        await Task.WhenAll(_relays.Keys);
        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(_stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException || _stopping.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                // A connection reset before it was accepted, or a lack of file descriptors: back off
                // briefly so a persistent error cannot spin, then keep serving.
                await Task.Delay(AcceptRetryDelay, TimeProvider.System, CancellationToken.None);
                continue;
            }

            var relay = RelayAsync(client);
            _relays.TryAdd(relay, true);
            _ = relay.ContinueWith(done => _relays.TryRemove(done, out _), TaskScheduler.Default);
        }
    }

    /// <summary>Never throws: a relay ends when either side closes, a connect fails or the forwarder stops.</summary>
    private async Task RelayAsync(Socket client)
    {
        using var upstream = new Socket(_target.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        using (client)
        {
            try
            {
                await upstream.ConnectAsync(_target, _stopping.Token);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException)
            {
                return; // The broker is down (fault injection) or we are stopping: the client sees a closed connection.
            }

            // Kafka requests are small and latency-bound; do not let Nagle hold them back.
            client.NoDelay = true;
            upstream.NoDelay = true;
            var toBroker = PumpAsync(client, upstream);
            var toClient = PumpAsync(upstream, client);

            // Kafka does not half-close: once either side is gone the connection is over, and
            // closing both sockets ends the other pump.
            await Task.WhenAny(toBroker, toClient);
            client.Dispose();
            upstream.Dispose();
            await Task.WhenAll(toBroker, toClient).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task PumpAsync(Socket from, Socket to)
    {
        await using var source = new NetworkStream(from, ownsSocket: false);
        await using var sink = new NetworkStream(to, ownsSocket: false);
        await source.CopyToAsync(sink, BufferSize, _stopping.Token);
    }
}
