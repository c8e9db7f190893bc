using System.Net;
using System.Net.Sockets;

namespace AkLight.TestSupport;

/// <summary>
/// Picks TCP ports nothing listens on, by letting the system choose one for a throwaway listener; a port is
/// never handed out twice in one test run, so two silos started one after the other cannot get the same one.
/// </summary>
public static class FreePorts
{
    private static readonly HashSet<int> Handed = [];

    /// <summary><paramref name="count"/> distinct ports, free at the time of asking.</summary>
    public static int[] Pick(int count)
    {
        lock (Handed)
        {
            var ports = new List<int>(count);
            for (var attempt = 0; ports.Count < count; attempt++)
            {
                if (attempt == 100 * count) throw new InvalidOperationException($"no {count} free loopback ports found in {attempt} attempts");
                using var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                listener.Stop();
                if (Handed.Add(port)) ports.Add(port);
            }
            return [.. ports];
        }
    }

    public static int Pick() => Pick(1)[0];

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
