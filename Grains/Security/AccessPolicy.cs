using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace AkLight.Grains.Security;

/// <summary>
/// The broker's one policy point: who a key belongs to, and whether that principal may do an operation on a
/// topic or filter. Every door asks it: the gateway through <see cref="ClientCallFilter"/>, HTTP, MQTT and
/// Kafka through the broker service. Failed logins are throttled here, per caller address and per name
/// (<see cref="LoginThrottle"/>), and slow key checks run a few at a time, so guessing cannot take every core.
/// </summary>
public sealed class AccessPolicy
{
    private const int MaxCachedKeys = 10_000;
    // Logins waiting for a slow check beyond this are refused at once: a queue that long is a flood, not clients.
    private const int MaxWaitingChecks = 256;
    private const string WrongKey = "unknown principal or wrong key";
    private readonly IReadOnlyDictionary<string, Principal>? _principals;
    // Checking a key costs a slow hash on purpose; a key that passed once is remembered by its SHA-256 alone.
    private readonly ConcurrentDictionary<string, Principal> _verified = new(StringComparer.Ordinal);
    private readonly LoginThrottle _throttle;
    private readonly SemaphoreSlim _slowChecks = new(Math.Max(1, Environment.ProcessorCount / 4));
    private readonly byte[] _standInKey;
    private readonly int _standInIterations;
    private int _waitingChecks;

    /// <summary>
    /// A policy over <paramref name="principals"/>; null: none configured, every caller is anonymous and allowed
    /// everything (the silo then serves loopback only).
    /// </summary>
    public AccessPolicy(IReadOnlyDictionary<string, Principal>? principals, LoginThrottle? throttle = null)
    {
        _principals = principals;
        _throttle = throttle ?? new LoginThrottle(TimeProvider.System, SecurityOptions.DefaultMaxFailedLogins, SecurityOptions.DefaultFailedLoginWindow);
        var known = (principals ?? new Dictionary<string, Principal>()).Values.Where(p => p.Key is not null).OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
        // Stand-in salts for unknown names are keyed by what only the principals file holds, so they are the same on
        // every silo reading it and across restarts (a salt that changed would give the name away), yet unguessable.
        _standInKey = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', known.Select(p => $"{p.Name} {p.Key}"))));
        // As many iterations as real principals have, so the answer and the cost of a check are alike too.
        _standInIterations = known.Count > 0 ? known.Max(p => p.Key!.Iterations) : ScramCredential.DefaultIterations;
    }

    /// <summary>True when a principals file is configured: every call must then carry a key.</summary>
    public bool RequiresAuthentication => _principals is not null;

    /// <summary>
    /// The principal <paramref name="token"/> (<c>name:secret</c>) proves; anonymous when no principals are configured.
    /// <paramref name="address"/> is the caller's, when the door knows it, for the throttle.
    /// </summary>
    public async ValueTask<Principal> AuthenticateAsync(string? token, IPAddress? address)
    {
        if (_principals is null) return Principal.Anonymous;
        if (string.IsNullOrEmpty(token)) throw new AuthenticationRequiredException("this broker requires an API key (name:secret); none was given");
        // Consulted before the throttle: a client that proved its key is never slowed by someone guessing its name.
        var digest = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
        if (_verified.TryGetValue(digest, out var known)) return known;
        if (!ApiKey.TryParse(token, out var key)) throw new AuthenticationRequiredException("an API key has the form name:secret");
        CheckLoginAllowed(key.Principal, address);
        var principal = await VerifyAsync(key, digest, address);
        if (_verified.Count >= MaxCachedKeys) _verified.Clear();
        _verified[digest] = principal;
        return principal;
    }

    /// <summary>The principal a user name and password prove (MQTT CONNECT, SASL/PLAIN); the password may also be the whole key.</summary>
    public ValueTask<Principal> AuthenticateAsync(string? name, string? password, IPAddress? address)
    {
        if (_principals is null) return ValueTask.FromResult(Principal.Anonymous);
        if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(password))
            throw new AuthenticationRequiredException("this broker requires a user name (the principal) and a password (its key's secret)");
        var secret = password.StartsWith(name + ":", StringComparison.Ordinal) ? password[(name.Length + 1)..] : password;
        return AuthenticateAsync($"{name}:{secret}", address);
    }

    /// <summary>
    /// What SCRAM answers <paramref name="name"/> with: its principal's verifier, or for a name nobody has a stand-in
    /// with a salt stable for that name and the principals' iterations, so the first answer does not tell which names
    /// exist (the exchange then fails at its end, as a wrong password does). Throws while the throttle refuses.
    /// </summary>
    public (Principal? Principal, ScramCredential Credential) BeginScram(string name, IPAddress? address)
    {
        CheckLoginAllowed(name, address);
        return _principals?.GetValueOrDefault(name) is { Key: { } key } principal ? (principal, key) : (null, StandIn(name));
    }

    /// <summary>Records how a login that <see cref="BeginScram"/> started ended.</summary>
    public void EndScram(string name, IPAddress? address, bool succeeded)
    {
        if (succeeded) _throttle.Succeeded(name);
        else _throttle.Failed(name, address);
    }

    /// <summary>Throws <see cref="AccessDeniedException"/> unless <paramref name="principal"/> may do <paramref name="operation"/> on all of <paramref name="target"/>.</summary>
    public static void Authorize(Principal principal, BrokerOperation operation, TopicFilter target)
    {
        if (!principal.May(operation, target)) throw AccessDeniedException.For(principal.Name, operation, target.Value);
    }

    /// <summary>Throws <see cref="AccessDeniedException"/> unless <paramref name="principal"/> may do <paramref name="operation"/> on <paramref name="topic"/>.</summary>
    public static void Authorize(Principal principal, BrokerOperation operation, string topic) =>
        Authorize(principal, operation, TopicFilter.Parse(topic));

    /// <summary>
    /// Throws unless <paramref name="principal"/> may consume every topic of <paramref name="offsets"/> (commits,
    /// seeks). Asked before anything looks the topics up, so a refusal is the same whether or not a topic exists
    /// and tells nothing of its offsets.
    /// </summary>
    public static void AuthorizeCommits(Principal principal, IEnumerable<TopicPartitionOffset> offsets)
    {
        foreach (var topic in offsets.Select(o => o.Topic).Distinct(StringComparer.Ordinal)) Authorize(principal, BrokerOperation.Consume, topic);
    }

    /// <summary>Throws unless <paramref name="principal"/> may look <paramref name="topic"/> up: producers do, as consumers do.</summary>
    public static void AuthorizeLookup(Principal principal, string topic)
    {
        var target = TopicFilter.Parse(topic);
        if (!principal.May(BrokerOperation.Consume, target)) Authorize(principal, BrokerOperation.Produce, target);
    }

    private void CheckLoginAllowed(string name, IPAddress? address)
    {
        if (_throttle.Refusal(name, address) is { } refusal) throw new AuthenticationRequiredException(refusal);
    }

    private async ValueTask<Principal> VerifyAsync(ApiKey key, string digest, IPAddress? address)
    {
        if (Interlocked.Increment(ref _waitingChecks) > MaxWaitingChecks)
        {
            Interlocked.Decrement(ref _waitingChecks);
            throw new AuthenticationRequiredException("too many logins are being checked at once; try again in 1 s");
        }
        try
        {
            await _slowChecks.WaitAsync();
        }
        finally
        {
            Interlocked.Decrement(ref _waitingChecks);
        }
        try
        {
            // While this waited, the same key may have been proved, or its caller locked out by failures queued before it.
            if (_verified.TryGetValue(digest, out var known)) return known;
            CheckLoginAllowed(key.Principal, address);
            // An unknown name costs the same slow hash as a wrong secret, so timing does not tell which names exist.
            var principal = _principals!.GetValueOrDefault(key.Principal);
            if ((principal?.Key ?? StandIn(key.Principal)).Verify(key.Secret) && principal is not null)
            {
                _throttle.Succeeded(key.Principal);
                return principal;
            }
            _throttle.Failed(key.Principal, address);
            throw new AuthenticationRequiredException(WrongKey);
        }
        finally
        {
            _slowChecks.Release();
        }
    }

    private ScramCredential StandIn(string name)
    {
        var seed = HMACSHA256.HashData(_standInKey, Encoding.UTF8.GetBytes(name));
        return new ScramCredential(_standInIterations, seed[..16], SHA256.HashData(seed), HMACSHA256.HashData(seed, "Server Key"u8));
    }
}
