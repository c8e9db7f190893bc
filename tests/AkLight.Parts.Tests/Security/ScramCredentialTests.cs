using System.Security.Cryptography;
using AkLight.Grains.Security;

namespace AkLight.Parts.Tests.Security;

public sealed class ScramCredentialTests
{
    [Fact]
    public void The_verifier_is_scram_sha_256s_stored_and_server_key_as_rfc_7677_computes_them()
    {
        // RFC 7677 §3: user "user", password "pencil".
        var salt = Convert.FromBase64String("W22ZaJ0SNY7soEsUEjb6gQ==");
        var credential = ScramCredential.FromSaltedPassword(4096, salt, ScramCredential.SaltedPassword("pencil", salt, 4096));
        var authMessage = Encoding.UTF8.GetBytes("n=user,r=rOprNGfwEbeRWgbNEkqO,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096,c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0");
        var proof = Convert.FromBase64String("dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=");
        var clientKey = proof.Zip(HMACSHA256.HashData(credential.StoredKey, authMessage), (a, b) => (byte)(a ^ b)).ToArray();
        Assert.Equal(credential.StoredKey, SHA256.HashData(clientKey));
        Assert.Equal("6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=", Convert.ToBase64String(HMACSHA256.HashData(credential.ServerKey, authMessage)));
        Assert.True(credential.Verify("pencil"));
        Assert.False(credential.Verify("Pencil"));
    }

    [Fact]
    public void The_stored_form_round_trips_is_salted_and_never_holds_the_salted_password()
    {
        var one = ScramCredential.Create("secret", ScramCredential.MinIterations);
        var two = ScramCredential.Create("secret", ScramCredential.MinIterations);
        Assert.NotEqual(one.ToString(), two.ToString());
        Assert.StartsWith("scram-sha-256$4096$", one.ToString());
        var parsed = ScramCredential.Parse(one.ToString());
        Assert.True(parsed.Verify("secret"));
        Assert.False(parsed.Verify("secreT"));

        var salted = Convert.ToBase64String(ScramCredential.SaltedPassword("secret", one.Salt, one.Iterations));
        Assert.DoesNotContain(salted, one.ToString());
        Assert.Contains("at least 4096 iterations", Assert.Throws<FormatException>(() => ScramCredential.Parse("scram-sha-256$1000$AAAA$AAAA$AAAA")).Message);
        Assert.Contains("32-byte", Assert.Throws<FormatException>(() => ScramCredential.Parse("scram-sha-256$4096$AAAA$AAAA$AAAA")).Message);
        Assert.Contains("base64", Assert.Throws<FormatException>(() => ScramCredential.Parse("scram-sha-256$4096$!!$AAAA$AAAA")).Message);
    }

    [Fact]
    public void An_old_salted_password_converts_to_the_verifier_of_the_same_secret()
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var old = $"pbkdf2-sha256$4096${Convert.ToBase64String(salt)}${Convert.ToBase64String(OldHash("the-secret", salt, 4096))}";
        var converted = LegacyKeyHash.Convert(old);
        Assert.True(converted.Verify("the-secret"));
        Assert.Equal(salt, converted.Salt);
        Assert.Contains("give the principal a new key", Assert.Throws<FormatException>(() => LegacyKeyHash.Convert("pbkdf2-sha256$1000$AAAA$AAAA")).Message);
    }

    /// <summary>The stored hash as the principals file kept it before: PBKDF2-HMAC-SHA256, 32 bytes.</summary>
    internal static byte[] OldHash(string secret, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(secret), salt, iterations, HashAlgorithmName.SHA256, 32);
}
