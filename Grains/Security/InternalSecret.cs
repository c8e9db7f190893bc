using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace AkLight.Grains.Security;

/// <summary>
/// The value the broker's own calls carry (<see cref="CallContextKeys.Internal"/>) so that a grain can tell
/// them from a client's: every silo of a cluster holds the same one, and it never leaves the cluster.
/// </summary>
public sealed class InternalSecret
{
    private readonly char[] _value;

    public InternalSecret(string value)
    {
        if (value.Length < 16) throw new ArgumentException("the internal secret needs at least 16 characters (AkLight:Security:InternalSecret)");
        Value = value;
        _value = value.ToCharArray();
    }

    /// <summary>A fresh random secret: enough for a single silo.</summary>
    public static InternalSecret Random() => new(Convert.ToHexString(RandomNumberGenerator.GetBytes(32)));

    /// <summary>The secret, for the outgoing filter; never logged.</summary>
    public string Value { get; }

    /// <summary>True when <paramref name="candidate"/> is this secret (constant time; every internal call asks, so nothing is allocated).</summary>
    public bool Matches(object? candidate) =>
        candidate is string text && CryptographicOperations.FixedTimeEquals(MemoryMarshal.AsBytes(text.AsSpan()), MemoryMarshal.AsBytes(_value.AsSpan()));

    public override string ToString() => "(internal secret)";
}
