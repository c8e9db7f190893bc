using System.Net;
using System.Net.Sockets;

namespace AkLight.Grains.Security;

/// <summary>
/// Failed logins per caller address and per principal name. After <c>maxFailures</c> within <c>window</c> from one
/// address (an IPv6 caller counts by its /64, which one host usually holds whole) or against one name, further
/// logins from there or for that name are refused without checking the key, for the window, then twice as long
/// each time the limit is hit again (at most <see cref="MaxLockout"/>). Names are counted alike whether they exist
/// or not, so the refusal tells nothing about which do.
/// </summary>
public sealed class LoginThrottle(TimeProvider clock, int maxFailures, TimeSpan window)
{
    /// <summary>The longest a caller is locked out, however often it comes back.</summary>
    public static readonly TimeSpan MaxLockout = TimeSpan.FromMinutes(15);

    // Bounds memory under a flood of addresses or names; past it, records that no longer lock anyone are dropped.
    private const int MaxTracked = 100_000;

    private readonly Dictionary<string, Record> _records = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Why a login for <paramref name="name"/> from <paramref name="address"/> is refused now; null when it may be checked.</summary>
    public string? Refusal(string? name, IPAddress? address)
    {
        var now = clock.GetUtcNow();
        lock (_lock)
        {
            var wait = TimeSpan.Zero;
            string? who = null;
            foreach (var (key, label) in Keys(name, address))
            {
                if (_records.TryGetValue(key, out var record) && record.LockedUntil - now is var left && left > wait)
                    (wait, who) = (left, label);
            }
            return who is null ? null : $"too many failed logins {who}; try again in {Math.Ceiling(wait.TotalSeconds)} s";
        }
    }

    /// <summary>Counts a failed login against <paramref name="name"/> and <paramref name="address"/>.</summary>
    public void Failed(string? name, IPAddress? address)
    {
        var now = clock.GetUtcNow();
        lock (_lock)
        {
            if (_records.Count >= MaxTracked) Prune(now);
            foreach (var (key, _) in Keys(name, address))
            {
                if (!_records.TryGetValue(key, out var record)) _records[key] = record = new Record { WindowStart = now };
                record.Fail(now, maxFailures, window);
            }
        }
    }

    /// <summary>Forgets the failures against <paramref name="name"/>: its owner proved the key. The address's stay counted.</summary>
    public void Succeeded(string name)
    {
        lock (_lock) _records.Remove(NameKey(name));
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, record) in _records.Where(r => r.Value.IsStale(now, window)).ToList()) _records.Remove(key);
        // Still full of live records: a flood of fresh keys. Forgetting them all is better than growing without end.
        if (_records.Count >= MaxTracked) _records.Clear();
    }

    private static IEnumerable<(string Key, string Label)> Keys(string? name, IPAddress? address)
    {
        if (address is not null) yield return ("address " + Network(address), "from this address");
        if (!string.IsNullOrEmpty(name)) yield return (NameKey(name), $"for principal '{name}'");
    }

    private static string NameKey(string name) => "name " + name;

    private static string Network(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) return address.MapToIPv4().ToString();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    private sealed class Record
    {
        public int Failures;
        public DateTimeOffset WindowStart;
        public DateTimeOffset LockedUntil;
        public int Lockouts;

        public void Fail(DateTimeOffset now, int maxFailures, TimeSpan window)
        {
            if (LockedUntil > now) return; // refused before the check; a failure that raced the lock adds nothing
            if (now - WindowStart >= window) (Failures, WindowStart) = (0, now);
            // A caller quiet for a full lockout since its last one starts the backoff again.
            if (Lockouts > 0 && now >= LockedUntil + MaxLockout) Lockouts = 0;
            if (++Failures < maxFailures) return;
            Lockouts++;
            var lockout = window * Math.Pow(2, Math.Min(Lockouts - 1, 16));
            LockedUntil = now + (lockout < MaxLockout ? lockout : MaxLockout > window ? MaxLockout : window);
            (Failures, WindowStart) = (0, LockedUntil);
        }

        public bool IsStale(DateTimeOffset now, TimeSpan window) =>
            now >= LockedUntil && now - WindowStart >= window && (Lockouts == 0 || now >= LockedUntil + MaxLockout);
    }
}
