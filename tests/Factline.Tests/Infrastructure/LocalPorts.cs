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
}
