using System.Net;

namespace AkLight.Silo;

/// <summary>
/// Secure by default, like Mosquitto 2: a silo without principals serves this machine only. Listening on any
/// other address without principals configured stops the silo at start, naming the setting.
/// </summary>
internal static class ListenerExposure
{
    /// <summary>Throws <see cref="ArgumentException"/> for the first listener beyond loopback when nobody needs a key.</summary>
    public static void Check(bool requiresAuthentication, IEnumerable<(string Setting, IPAddress Address)> listeners)
    {
        if (requiresAuthentication) return;
        foreach (var (setting, address) in listeners)
        {
            if (IPAddress.IsLoopback(address)) continue;
            throw new ArgumentException(
                $"{setting} makes the silo listen on {address}, beyond this machine, but no principals are configured: " +
                "set AkLight:Security:PrincipalsFile (README, Security) or listen on 127.0.0.1");
        }
    }
}
