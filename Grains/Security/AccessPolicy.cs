using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace AkLight.Grains.Security;

/// <summary>
/// The broker's one policy point: who a key belongs to, and whether that principal may do an operation on a
/// topic or filter. Every door asks it: the gateway through <see cref="ClientCallFilter"/>, HTTP, MQTT and
/// Kafka through the broker service.
/// </summary>
public sealed class AccessPolicy
{
    private const int MaxCachedKeys = 10_000;
    private readonly IReadOnlyDictionary<string, Principal> _principals;
    // Checking a key costs a slow hash on purpose; a key that passed once is remembered by its SHA-256 alone.
    private readonly ConcurrentDictionary<string, Principal> _verified = new(StringComparer.Ordinal);
    private static readonly KeyHash Decoy = KeyHash.Create(Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)));

    public AccessPolicy(IReadOnlyDictionary<string, Principal> principals) => _principals = principals;

    /// <summary>True when principals are configured: every call must then carry a key.</summary>
    public bool RequiresAuthentication => _principals.Count > 0;

    /// <summary>The principal <paramref name="token"/> (<c>name:secret</c>) proves; anonymous when no principals are configured.</summary>
    public Principal Authenticate(string? token)
    {
        if (!RequiresAuthentication) return Principal.Anonymous;
        if (string.IsNullOrEmpty(token)) throw new AuthenticationRequiredException("this broker requires an API key (name:secret); none was given");
        var digest = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
        if (_verified.TryGetValue(digest, out var known)) return known;
        if (!ApiKey.TryParse(token, out var key)) throw new AuthenticationRequiredException("an API key has the form name:secret");
        var principal = Verify(key.Principal, key.Secret);
        if (_verified.Count >= MaxCachedKeys) _verified.Clear();
        _verified[digest] = principal;
        return principal;
    }

    /// <summary>The principal named <paramref name="name"/>, with its key's stored hash (SCRAM derives its keys from it); null when none.</summary>
    public Principal? Find(string name) => _principals.GetValueOrDefault(name);

    /// <summary>The principal a user name and password prove (MQTT CONNECT, SASL/PLAIN); the password may also be the whole key.</summary>
    public Principal Authenticate(string? name, string? password)
    {
        if (!RequiresAuthentication) return Principal.Anonymous;
        if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(password))
            throw new AuthenticationRequiredException("this broker requires a user name (the principal) and a password (its key's secret)");
        var secret = password.StartsWith(name + ":", StringComparison.Ordinal) ? password[(name.Length + 1)..] : password;
        return Authenticate($"{name}:{secret}");
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

    private Principal Verify(string name, string secret)
    {
        // An unknown name costs the same slow hash as a wrong secret, so timing does not tell which names exist.
        if (!_principals.TryGetValue(name, out var principal) || principal.Key is null)
        {
            Decoy.Verify(secret);
            throw new AuthenticationRequiredException("unknown principal or wrong key");
        }
        if (!principal.Key.Verify(secret)) throw new AuthenticationRequiredException("unknown principal or wrong key");
        return principal;
    }
}
