using System.Diagnostics.CodeAnalysis;
using System.Net;

namespace AkLight.Silo.Transport;

/// <summary>
/// Caps the connections one listener holds open: in all, and from one remote address, so a single host cannot
/// take every slot (or the process's file descriptors) with idle connections. A listener asks before serving a
/// connection and disposes the lease when the connection ends. Thread-safe.
/// </summary>
public sealed class ConnectionLimiter
{
    private readonly Lock _gate = new();
    private readonly Dictionary<IPAddress, int> _perAddress = [];
    private readonly int _maxConnections;
    private readonly int _maxPerAddress;
    private int _open;

    public ConnectionLimiter(int maxConnections, int maxPerAddress)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConnections, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPerAddress, 1);
        _maxConnections = maxConnections;
        _maxPerAddress = maxPerAddress;
    }

    /// <summary>Connections admitted and not yet released.</summary>
    public int Open
    {
        get { lock (_gate) return _open; }
    }

    /// <summary>
    /// Admits a connection from <paramref name="remote"/> unless a cap is reached; the lease frees its slot when
    /// disposed (once, however often it is disposed).
    /// </summary>
    public bool TryAdmit(IPAddress remote, [NotNullWhen(true)] out IDisposable? lease)
    {
        // An IPv4 client on a dual-stack socket shows as ::ffff:a.b.c.d; it is the same host either way.
        var address = remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote;
        lock (_gate)
        {
            var fromAddress = _perAddress.GetValueOrDefault(address);
            if (_open >= _maxConnections || fromAddress >= _maxPerAddress)
            {
                lease = null;
                return false;
            }
            _perAddress[address] = fromAddress + 1;
            _open++;
        }
        lease = new Lease(this, address);
        return true;
    }

    private void Release(IPAddress address)
    {
        lock (_gate)
        {
            _open--;
            if (_perAddress[address] == 1) _perAddress.Remove(address);
            else _perAddress[address]--;
        }
    }

    private sealed class Lease(ConnectionLimiter limiter, IPAddress address) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) limiter.Release(address);
        }
    }
}
