using System.Net;
using System.Net.Sockets;

namespace OrleansProxy.LoadTest.Hosting;

/// <summary>Free TCP ports on 127.0.0.1, for children that cannot take port 0 (Orleans' silo and gateway ports).</summary>
internal static class FreePorts
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
