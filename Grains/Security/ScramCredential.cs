using System.Security.Cryptography;
using System.Text;

namespace AkLight.Grains.Security;

/// <summary>
/// Stored form of a principal's secret: a SCRAM-SHA-256 verifier (RFC 5802 §3, RFC 7677), written
/// <c>scram-sha-256$iterations$salt$storedKey$serverKey</c> (base64). The salted password itself is never kept:
/// it is what a SCRAM client proves with, so a file holding it would be a password file. A secret is checked by
/// deriving its StoredKey (PBKDF2-HMAC-SHA256, slow on purpose) and comparing in constant time.
/// </summary>
public sealed record ScramCredential(int Iterations, byte[] Salt, byte[] StoredKey, byte[] ServerKey)
{
    public const string Scheme = "scram-sha-256";

    /// <summary>OWASP's 2023 figure for PBKDF2-HMAC-SHA256.</summary>
    public const int DefaultIterations = 600_000;

    /// <summary>Fewer iterations than this are refused: SCRAM-SHA-256 asks for at least 4096.</summary>
    public const int MinIterations = 4096;

    /// <summary>The verifier of <paramref name="secret"/> with a fresh salt.</summary>
    public static ScramCredential Create(string secret, int iterations = DefaultIterations)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        return FromSaltedPassword(iterations, salt, SaltedPassword(secret, salt, iterations));
    }

    /// <summary>The verifier a salted password gives (RFC 5802: StoredKey = H(HMAC(salted, "Client Key")), ServerKey = HMAC(salted, "Server Key")).</summary>
    public static ScramCredential FromSaltedPassword(int iterations, byte[] salt, byte[] saltedPassword) =>
        new(iterations, salt, StoredKeyOf(saltedPassword), HMACSHA256.HashData(saltedPassword, "Server Key"u8));

    /// <summary>Parses the stored form or throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static ScramCredential Parse(string text)
    {
        var parts = text.Split('$');
        if (parts[0] == LegacyKeyHash.Scheme)
            throw new FormatException($"'{LegacyKeyHash.Scheme}' is the old stored form (a salted password, which SCRAM accepts as a password): convert the file with `AkLight.Silo principal migrate --file FILE`");
        if (parts.Length != 5 || parts[0] != Scheme)
            throw new FormatException($"a stored key has the form {Scheme}$iterations$salt$storedKey$serverKey, got '{Shorten(text)}'");
        if (!int.TryParse(parts[1], out var iterations) || iterations < MinIterations)
            throw new FormatException($"a stored key needs at least {MinIterations} iterations, got '{parts[1]}'");
        try
        {
            var credential = new ScramCredential(iterations, Convert.FromBase64String(parts[2]), Convert.FromBase64String(parts[3]), Convert.FromBase64String(parts[4]));
            if (credential.Salt.Length == 0 || credential.StoredKey.Length != 32 || credential.ServerKey.Length != 32)
                throw new FormatException("a stored key needs a salt and 32-byte StoredKey and ServerKey");
            return credential;
        }
        catch (FormatException error) when (!error.Message.StartsWith("a stored key", StringComparison.Ordinal))
        {
            throw new FormatException("a stored key's salt, StoredKey and ServerKey must be base64");
        }
    }

    /// <summary>True when <paramref name="secret"/> is the one this verifies; takes the same time whatever it differs in.</summary>
    public bool Verify(string secret) =>
        CryptographicOperations.FixedTimeEquals(StoredKeyOf(SaltedPassword(secret, Salt, Iterations)), StoredKey);

    public override string ToString() =>
        $"{Scheme}${Iterations}${Convert.ToBase64String(Salt)}${Convert.ToBase64String(StoredKey)}${Convert.ToBase64String(ServerKey)}";

    /// <summary>SCRAM's SaltedPassword: Hi(password, salt, i), which is PBKDF2-HMAC-SHA256 with a 32-byte output.</summary>
    public static byte[] SaltedPassword(string secret, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(secret), salt, iterations, HashAlgorithmName.SHA256, 32);

    private static byte[] StoredKeyOf(byte[] saltedPassword) => SHA256.HashData(HMACSHA256.HashData(saltedPassword, "Client Key"u8));

    private static string Shorten(string text) => text.Length > 20 ? text[..20] + "…" : text;
}
