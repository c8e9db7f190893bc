using System.Security.Cryptography;

namespace AkLight.Grains.Security;

/// <summary>
/// An API key: <c>name:secret</c>. The name says which principal it claims to be (so one hash is checked, not
/// all of them); the secret is what proves it. MQTT and Kafka clients send the two as user name and password.
/// </summary>
public readonly record struct ApiKey(string Principal, string Secret)
{
    /// <summary>A new key for <paramref name="principal"/> with 256 random bits of secret.</summary>
    public static ApiKey Generate(string principal) =>
        new(principal, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_'));

    /// <summary>Splits <c>name:secret</c>; false for anything else (the secret itself is never echoed in errors).</summary>
    public static bool TryParse(string? text, out ApiKey key)
    {
        key = default;
        if (string.IsNullOrEmpty(text)) return false;
        var colon = text.IndexOf(':');
        if (colon <= 0 || colon == text.Length - 1) return false;
        key = new ApiKey(text[..colon], text[(colon + 1)..]);
        return true;
    }

    public override string ToString() => $"{Principal}:{Secret}";
}
