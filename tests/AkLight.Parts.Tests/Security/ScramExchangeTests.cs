using System.Net;
using System.Security.Cryptography;
using AkLight.Grains.Security;
using AkLight.Silo.Doors.Kafka.Apis;

namespace AkLight.Parts.Tests.Security;

/// <summary>Raw SCRAM-SHA-256 exchanges against the Kafka door's server side, the client played by hand (RFC 5802 §3).</summary>
public sealed class ScramExchangeTests
{
    private static readonly string[] File =
    [
        $"principal agent {ScramCredential.Create("agent-secret", ScramCredential.MinIterations)}",
        "allow agent produce metrics/#",
    ];

    private static readonly IPAddress Caller = IPAddress.Parse("192.0.2.1");

    [Fact]
    public void The_keys_secret_logs_in_and_the_server_proves_it_knows_the_verifier()
    {
        var policy = Policy();
        var exchange = new ScramExchange(policy, Caller);
        var first = ClientFirst("agent");
        var serverFirst = exchange.Answer(first);
        var salted = ScramCredential.SaltedPassword("agent-secret", Salt(serverFirst), Iterations(serverFirst));
        var (final, authMessage) = ClientFinal(first, serverFirst, salted);
        var serverFinal = exchange.Answer(final);
        Assert.Equal("agent", exchange.Authenticated?.Name);
        Assert.Equal("v=" + Convert.ToBase64String(HMACSHA256.HashData(HMACSHA256.HashData(salted, "Server Key"u8), authMessage)), serverFinal);
    }

    [Fact]
    public void Nothing_in_the_principals_file_logs_in_as_a_scram_password()
    {
        // Whoever reads the file has its salt and every value stored; none of them is the salted password.
        var stored = File[0].Split(' ')[2].Split('$')[2..].Select(Convert.FromBase64String);
        foreach (var value in stored)
        {
            var exchange = new ScramExchange(Policy(), Caller);
            var first = ClientFirst("agent");
            var serverFirst = exchange.Answer(first);
            var refused = Assert.Throws<AuthenticationRequiredException>(() => exchange.Answer(ClientFinal(first, serverFirst, value).Final));
            Assert.Equal("unknown principal or wrong key", refused.Message);
        }
    }

    [Fact]
    public void An_unknown_name_is_answered_like_a_known_one_and_fails_at_the_end_like_a_wrong_password()
    {
        var policy = Policy();
        var known = new ScramExchange(policy, Caller).Answer(ClientFirst("agent"));
        var unknown = new ScramExchange(policy, Caller).Answer(ClientFirst("nobody"));
        var again = new ScramExchange(Policy(), Caller).Answer(ClientFirst("nobody")); // another silo, or after a restart
        Assert.Equal(Salt(known).Length, Salt(unknown).Length);
        Assert.Equal(Iterations(known), Iterations(unknown));
        Assert.Equal(Salt(unknown), Salt(again));
        Assert.NotEqual(Salt(unknown), Salt(new ScramExchange(policy, Caller).Answer(ClientFirst("someone-else"))));

        var wrongPassword = Refusal(policy, "agent", "not-the-secret");
        var unknownName = Refusal(policy, "nobody", "agent-secret");
        Assert.Equal("unknown principal or wrong key", wrongPassword);
        Assert.Equal(wrongPassword, unknownName);
    }

    [Fact]
    public void Failed_scram_logins_count_in_the_throttle_and_then_even_the_right_password_is_refused_at_the_first_step()
    {
        var policy = Policy();
        for (var i = 0; i < SecurityOptions.DefaultMaxFailedLogins; i++) Refusal(policy, "agent", "guess" + i);
        var refused = Assert.Throws<AuthenticationRequiredException>(() => new ScramExchange(policy, IPAddress.Parse("192.0.2.99")).Answer(ClientFirst("agent")));
        Assert.StartsWith("too many failed logins for principal 'agent'; try again in", refused.Message);
    }

    private static AccessPolicy Policy() => new(PrincipalsFile.Parse(File, "test"));

    private static string Refusal(AccessPolicy policy, string name, string password)
    {
        var exchange = new ScramExchange(policy, Caller);
        var first = ClientFirst(name);
        var serverFirst = exchange.Answer(first);
        var final = ClientFinal(first, serverFirst, ScramCredential.SaltedPassword(password, Salt(serverFirst), Iterations(serverFirst))).Final;
        return Assert.Throws<AuthenticationRequiredException>(() => exchange.Answer(final)).Message;
    }

    private static string ClientFirst(string name) => $"n,,n={name},r=clientnonce{Guid.NewGuid():N}";

    private static (string Final, byte[] AuthMessage) ClientFinal(string clientFirst, string serverFirst, byte[] saltedPassword)
    {
        var withoutProof = $"c=biws,r={Attribute(serverFirst, 'r')}";
        var authMessage = Encoding.UTF8.GetBytes($"{clientFirst[3..]},{serverFirst},{withoutProof}");
        var clientKey = HMACSHA256.HashData(saltedPassword, "Client Key"u8);
        var signature = HMACSHA256.HashData(SHA256.HashData(clientKey), authMessage);
        var proof = clientKey.Zip(signature, (a, b) => (byte)(a ^ b)).ToArray();
        return ($"{withoutProof},p={Convert.ToBase64String(proof)}", authMessage);
    }

    private static byte[] Salt(string serverFirst) => Convert.FromBase64String(Attribute(serverFirst, 's'));

    private static int Iterations(string serverFirst) => int.Parse(Attribute(serverFirst, 'i'));

    private static string Attribute(string message, char name) => message.Split(',').First(a => a[0] == name)[2..];
}
