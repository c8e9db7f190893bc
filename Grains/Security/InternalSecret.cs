using System.Security.Cryptography;
using System.Text;

namespace AkLight.Grains.Security;

/// <summary>
/// The value the broker's own calls carry (<see cref="CallContextKeys.Internal"/>) so that a grain can tell
/// them from a client's: every silo of a cluster holds the same one, and it never leaves the cluster.
/// </summary>
public sealed class InternalSecret
{
    private readonly byte[] _value;

    public InternalSecret(string value)
    {
        if (value.Length < 16) throw new ArgumentException("the internal secret needs at least 16 characters (AkLight:Security:InternalSecret)");
        Value = value;
        _value = Encoding.UTF8.GetBytes(value);
    }

    /// <summary>A fresh random secret: enough for a single silo.</summary>
    public static InternalSecret Random() => new(Convert.ToHexString(RandomNumberGenerator.GetBytes(32)));

    /// <summary>The secret, for the outgoing filter; never logged.</summary>
    public string Value { get; }

    /// <summary>True when <paramref name="candidate"/> is this secret (constant time).</summary>
    public bool Matches(object? candidate) =>
        candidate is string text && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(text), _value);

    public override string ToString() => "(internal secret)";
}
