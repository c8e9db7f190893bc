namespace AkLight.Grains.Security;

/// <summary>
/// The old stored form, <c>pbkdf2-sha256$iterations$salt$hash</c>: the hash is SCRAM-SHA-256's SaltedPassword,
/// which a SCRAM client can log in with. Read only to convert it: the verifier derives from it without the secret.
/// </summary>
public static class LegacyKeyHash
{
    public const string Scheme = "pbkdf2-sha256";

    /// <summary>The SCRAM verifier of an old stored key, or a <see cref="FormatException"/> saying why it cannot be converted.</summary>
    public static ScramCredential Convert(string text)
    {
        var parts = text.Split('$');
        if (parts.Length != 4 || parts[0] != Scheme)
            throw new FormatException($"an old stored key has the form {Scheme}$iterations$salt$hash");
        if (!int.TryParse(parts[1], out var iterations) || iterations < ScramCredential.MinIterations)
            throw new FormatException($"an old stored key with '{parts[1]}' iterations cannot be converted (SCRAM needs at least {ScramCredential.MinIterations}): give the principal a new key");
        byte[] salt, hash;
        try
        {
            salt = System.Convert.FromBase64String(parts[2]);
            hash = System.Convert.FromBase64String(parts[3]);
        }
        catch (FormatException)
        {
            throw new FormatException("an old stored key's salt and hash must be base64");
        }
        if (hash.Length != 32) throw new FormatException("an old stored key's hash is not 32 bytes, so it is no SCRAM salted password: give the principal a new key");
        return ScramCredential.FromSaltedPassword(iterations, salt, hash);
    }
}
