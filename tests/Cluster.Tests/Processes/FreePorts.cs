using System.Net;
using System.Net.Sockets;

namespace OrleansProxy.Cluster.Tests.Processes;

/// <summary>Picks free loopback TCP ports, so drills never collide with default ports or with each other.</summary>
public static class FreePorts
{
    /// <summary>
    /// <paramref name="count"/> distinct ports the OS reports free right now. All listeners are held open until every
    /// port is picked, so the OS cannot hand out one port twice.
    /// </summary>
    public static int[] Take(int count)
    {
        var listeners = new List<TcpListener>();
        try
        {
            for (var i = 0; i < count; i++)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                listeners.Add(listener);
            }

            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }
}
