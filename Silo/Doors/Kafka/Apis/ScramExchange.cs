using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace AkLight.Silo.Doors.Kafka.Apis;

/// <summary>
/// The server side of SCRAM-SHA-256 (RFC 5802/7677) for one connection, from the principal's stored verifier
/// (salt, iterations, StoredKey, ServerKey: <see cref="ScramCredential"/>). The password is the key's secret.
/// A name nobody has is answered like a known one, with a stand-in salt, and fails at the end as a wrong password
/// does; failures count in the policy's login throttle.
/// </summary>
public sealed class ScramExchange(AccessPolicy policy, IPAddress? address)
{
    private const string WrongKey = "unknown principal or wrong key";
    private string? _clientFirstBare;
    private string? _serverFirst;
    private string? _clientNonce;
    private string? _nonce;
    private string? _name;
    private Principal? _principal;
    private ScramCredential? _credential;

    /// <summary>The principal once the client's proof checked out.</summary>
    public Principal? Authenticated { get; private set; }

    /// <summary>Answers the client's next message; throws <see cref="AuthenticationRequiredException"/> when it fails.</summary>
    public string Answer(string message) => _serverFirst is null ? First(message) : Final(message);

    private string First(string message)
    {
        // gs2 header: no channel binding ("n" or "y"), then an optional authzid, then the bare message.
        var parts = message.Split(',', 3);
        if (parts.Length != 3 || parts[0] is not ("n" or "y")) throw Failed("a SCRAM client-first message starts with n,, (no channel binding)");
        _clientFirstBare = parts[2];
        var attributes = Attributes(_clientFirstBare);
        var name = attributes.GetValueOrDefault('n')?.Replace("=2C", ",").Replace("=3D", "=");
        var clientNonce = attributes.GetValueOrDefault('r');
        if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(clientNonce)) throw Failed("a SCRAM client-first message names the user (n=) and a nonce (r=)");
        (_principal, _credential) = policy.BeginScram(name, address);
        _name = name;
        _clientNonce = clientNonce;
        _nonce = clientNonce + Convert.ToBase64String(RandomNumberGenerator.GetBytes(18));
        _serverFirst = $"r={_nonce},s={Convert.ToBase64String(_credential.Salt)},i={_credential.Iterations}";
        return _serverFirst;
    }

    private string Final(string message)
    {
        if (Authenticated is not null || _credential is null || _name is null) throw Failed("the SCRAM exchange is over");
        var proofAt = message.LastIndexOf(",p=", StringComparison.Ordinal);
        if (proofAt < 0) throw Failed("a SCRAM client-final message ends with the proof (p=)");
        var withoutProof = message[..proofAt];
        // RFC 5802 has the client echo the whole nonce; kcat's librdkafka puts its own nonce in front of it again.
        var echoed = Attributes(withoutProof).GetValueOrDefault('r');
        if (echoed != _nonce && echoed != _clientNonce + _nonce) throw Failed("the SCRAM nonce does not match");
        var authMessage = Encoding.UTF8.GetBytes($"{_clientFirstBare},{_serverFirst},{withoutProof}");
        var proof = Convert.FromBase64String(message[(proofAt + 3)..]);
        // ClientKey = proof XOR HMAC(StoredKey, AuthMessage); the client knew the password when H(ClientKey) is StoredKey.
        var signature = HMACSHA256.HashData(_credential.StoredKey, authMessage);
        var proved = proof.Length == signature.Length && _principal is not null;
        if (proof.Length == signature.Length) for (var i = 0; i < proof.Length; i++) proof[i] ^= signature[i];
        proved &= CryptographicOperations.FixedTimeEquals(SHA256.HashData(proof), _credential.StoredKey);
        policy.EndScram(_name, address, proved);
        if (!proved) throw Failed(WrongKey);
        Authenticated = _principal;
        return "v=" + Convert.ToBase64String(HMACSHA256.HashData(_credential.ServerKey, authMessage));
    }

    private static Dictionary<char, string> Attributes(string message) =>
        message.Split(',').Where(a => a.Length >= 2 && a[1] == '=').GroupBy(a => a[0]).ToDictionary(g => g.Key, g => g.First()[2..]);

    private static AuthenticationRequiredException Failed(string why) => new(why);
}
