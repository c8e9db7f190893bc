using System.Security.Cryptography;
using System.Text;

namespace AkLight.Grains.Security;

/// <summary>
/// Stored form of a principal's secret: PBKDF2-HMAC-SHA256 with a random salt, written
/// <c>pbkdf2-sha256$iterations$salt$hash</c> (base64). Slow on purpose, so a stolen principals file does not
/// give the keys away; checked in constant time.
/// </summary>
public sealed record KeyHash(int Iterations, byte[] Salt, byte[] Hash)
{
    private const string Scheme = "pbkdf2-sha256";

    /// <summary>OWASP's 2023 figure for PBKDF2-HMAC-SHA256.</summary>
    public const int DefaultIterations = 600_000;

    /// <summary>Hashes <paramref name="secret"/> with a fresh salt.</summary>
    public static KeyHash Create(string secret, int iterations = DefaultIterations)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        return new KeyHash(iterations, salt, Derive(secret, salt, iterations));
    }

    /// <summary>Parses the stored form or throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static KeyHash Parse(string text)
    {
        var parts = text.Split('$');
        if (parts.Length != 4 || parts[0] != Scheme)
            throw new FormatException($"a key hash has the form {Scheme}$iterations$salt$hash, got '{Shorten(text)}'");
        if (!int.TryParse(parts[1], out var iterations) || iterations < 1000)
            throw new FormatException($"a key hash needs at least 1000 iterations, got '{parts[1]}'");
        try
        {
            return new KeyHash(iterations, Convert.FromBase64String(parts[2]), Convert.FromBase64String(parts[3]));
        }
        catch (FormatException)
        {
            throw new FormatException("a key hash's salt and hash must be base64");
        }
    }

    /// <summary>True when <paramref name="secret"/> is the hashed one; takes the same time whatever it differs in.</summary>
    public bool Verify(string secret) => CryptographicOperations.FixedTimeEquals(Derive(secret, Salt, Iterations, Hash.Length), Hash);

    public override string ToString() => $"{Scheme}${Iterations}${Convert.ToBase64String(Salt)}${Convert.ToBase64String(Hash)}";

    private static byte[] Derive(string secret, byte[] salt, int iterations, int length = 32) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(secret), salt, iterations, HashAlgorithmName.SHA256, length);

    private static string Shorten(string text) => text.Length > 20 ? text[..20] + "…" : text;
}
