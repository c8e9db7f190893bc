using System.Net;
using System.Net.Sockets;

namespace AkLight.Client.Connection;

/// <summary>Parses broker addresses given as <c>host:port</c>.</summary>
public static class BrokerAddress
{
    public static IPEndPoint Parse(string address)
    {
        if (IPEndPoint.TryParse(address, out var endpoint) && endpoint.Port != 0) return endpoint;
        var colon = address.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(address[(colon + 1)..], out var port) || port is <= 0 or > 65535)
            throw new ArgumentException($"broker address '{address}' is not host:port (e.g. 127.0.0.1:30000)", nameof(address));
        var host = address[..colon];
        var ip = Dns.GetHostAddresses(host).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
            ?? throw new ArgumentException($"broker host '{host}' has no IPv4 address", nameof(address));
        return new IPEndPoint(ip, port);
    }
}
