using System.Diagnostics.CodeAnalysis;
using System.Net;

namespace AkLight.Silo.Doors.Mqtt;

/// <summary>
/// The connections open on one listening port, in all and per remote address: one more than either cap is refused
/// before the door reads anything from it, so a client cannot hold the silo's sockets and memory by opening connections.
/// </summary>
internal sealed class MqttConnectionCap(int perPort, int perAddress)
{
    private readonly Dictionary<IPAddress, int> _byAddress = [];
    private int _open;

    /// <summary>Admits a connection from <paramref name="remote"/> unless a cap is reached; disposing the lease releases it.</summary>
    public bool TryAdmit(IPAddress remote, [NotNullWhen(true)] out IDisposable? lease)
    {
        remote = Normalised(remote);
        lock (_byAddress)
        {
            var fromRemote = _byAddress.GetValueOrDefault(remote);
            if (_open >= perPort || fromRemote >= perAddress)
            {
                lease = null;
                return false;
            }
            _byAddress[remote] = fromRemote + 1;
            _open++;
        }
        lease = new Lease(this, remote);
        return true;
    }

    private void Release(IPAddress remote)
    {
        lock (_byAddress)
        {
            _open--;
            if (_byAddress[remote] == 1) _byAddress.Remove(remote);
            else _byAddress[remote]--;
        }
    }

    /// <summary>An IPv4 client reaching a dual-stack socket is the same address as over IPv4.</summary>
    private static IPAddress Normalised(IPAddress remote) => remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote;

    private sealed class Lease(MqttConnectionCap cap, IPAddress remote) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) cap.Release(remote);
        }
    }
}
