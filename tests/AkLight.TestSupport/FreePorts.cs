using System.Net;
using System.Net.Sockets;

namespace AkLight.TestSupport;

/// <summary>Picks TCP ports nothing listens on, by letting the system choose one for a throwaway listener.</summary>
public static class FreePorts
{
    /// <summary><paramref name="count"/> distinct ports, free at the time of asking.</summary>
    public static int[] Pick(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToArray();
        try
        {
            foreach (var listener in listeners) listener.Start(); // held together so the ports differ
            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            foreach (var listener in listeners) listener.Stop();
        }
    }

    public static int Pick() => Pick(1)[0];
}
