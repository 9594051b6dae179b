using System.Net;
using System.Net.Sockets;

namespace OrleansProxy.Gateway.Tests.TestSupport;

/// <summary>Free TCP ports on 127.0.0.1 for the silo and Orleans gateway endpoints a test host binds.</summary>
internal static class LoopbackPorts
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
