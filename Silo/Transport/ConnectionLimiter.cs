using System.Net;

namespace AkLight.Silo.Transport;

/// <summary>
/// Counts the connections open on one listening port, in all and per remote address, and admits a new one only
/// under both caps: one address (or a few) opening sockets by the thousand cannot take every file handle or
/// leave no room for everyone else. Thread-safe; a lease gives its place back once.
/// </summary>
public sealed class ConnectionLimiter(int maxConnections, int maxPerAddress)
{
    private readonly Dictionary<IPAddress, int> _perAddress = [];
    private int _open;

    /// <summary>Connections open now.</summary>
    public int Open
    {
        get { lock (_perAddress) return _open; }
    }

    /// <summary>Takes a place for a connection from <paramref name="remote"/>; false when a cap is reached.</summary>
    public bool TryAdmit(IPAddress remote, out IDisposable lease)
    {
        lock (_perAddress)
        {
            var fromAddress = _perAddress.GetValueOrDefault(remote);
            if (_open >= maxConnections || fromAddress >= maxPerAddress)
            {
                lease = NoLease.Instance;
                return false;
            }
            _open++;
            _perAddress[remote] = fromAddress + 1;
        }
        lease = new Lease(this, remote);
        return true;
    }

    private void Release(IPAddress remote)
    {
        lock (_perAddress)
        {
            _open--;
            if (--_perAddress[remote] == 0) _perAddress.Remove(remote);
        }
    }

    private sealed class Lease(ConnectionLimiter limiter, IPAddress remote) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) limiter.Release(remote);
        }
    }

    private sealed class NoLease : IDisposable
    {
        public static readonly NoLease Instance = new();

        public void Dispose() { }
    }
}
