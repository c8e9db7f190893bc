using System.Net;
using System.Net.Sockets;

namespace AkLight.ClusterTests.Infrastructure;

/// <summary>Loopback ports nobody listens on right now.</summary>
public static class FreePorts
{
    private static readonly HashSet<int> Handed = [];

    /// <summary>A free port on 127.0.0.1, never the same twice in this test run.</summary>
    public static int Next()
    {
        lock (Handed)
        {
            for (var attempt = 0; attempt < 100; attempt++)
            {
                using var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                listener.Stop();
                if (Handed.Add(port)) return port;
            }
            throw new InvalidOperationException("no free loopback port found in 100 attempts");
        }
    }

    /// <summary>True when something accepts TCP connections on 127.0.0.1:<paramref name="port"/>.</summary>
    public static async Task<bool> IsListeningAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return false;
        }
    }
}
