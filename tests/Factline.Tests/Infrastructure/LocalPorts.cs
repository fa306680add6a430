using System.Net;
using System.Net.Sockets;

namespace Factline.Tests.Infrastructure;

/// <summary>Loopback ports for servers a test starts.</summary>
public static class LocalPorts
{
    /// <summary>A port nothing listens on right now (the system's choice), for a server started just after.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// A port that refuses every connection for as long as the returned socket lives: bound, so that no server another
    /// test starts meanwhile can take it (as it could a <see cref="Free"/> one), but not listening.
    /// </summary>
    public static Socket Refusing(out int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        port = ((IPEndPoint)socket.LocalEndPoint!).Port;
        return socket;
    }
}
