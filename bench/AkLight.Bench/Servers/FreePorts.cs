using System.Net;
using System.Net.Sockets;

namespace AkLight.Bench.Servers;

/// <summary>Free TCP ports on 127.0.0.1, never the same one twice in a run.</summary>
internal static class FreePorts
{
    private static readonly HashSet<int> Given = [];

    public static int Next()
    {
        lock (Given)
        {
            for (var attempt = 0; attempt < 100; attempt++)
            {
                using var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                listener.Stop();
                if (Given.Add(port)) return port;
            }
        }
        throw new InvalidOperationException("no free loopback port found in 100 attempts");
    }

    /// <summary>True when something accepts connections on 127.0.0.1:<paramref name="port"/>.</summary>
    public static async Task<bool> IsListeningAsync(int port)
    {
        using var client = new TcpClient();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, limit.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception error) when (error is SocketException or OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Waits until <paramref name="port"/> accepts connections; fails at once, with its log, if <paramref name="owner"/> exits.</summary>
    public static async Task WaitListeningAsync(int port, ChildProcess owner, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (owner.HasExited) throw new BenchSetupException($"{owner.Name} exited before listening on port {port}\n{owner.LogTail()}");
            if (await IsListeningAsync(port).ConfigureAwait(false)) return;
            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }
        throw new BenchSetupException($"{owner.Name} is not listening on port {port} after {timeout.TotalSeconds:0} s\n{owner.LogTail()}");
    }
}
