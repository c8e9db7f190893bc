namespace AkLight.Grains.Security;

/// <summary>Who may call the broker, bound from <c>AkLight:Security</c>.</summary>
public sealed class SecurityOptions : IValidatedOptions
{
    public const string Section = "AkLight:Security";

    /// <summary>
    /// The principals file (see <see cref="PrincipalsFile"/>). Empty: no principals, every caller is allowed
    /// everything, and the silo refuses to listen anywhere but on loopback.
    /// </summary>
    public string PrincipalsFile { get; set; } = "";

    /// <summary>
    /// The secret that marks calls between the broker's own parts. Empty: embedded mode makes one up at start;
    /// cluster mode keeps one in the database, shared by every silo. Set it only to share one by hand.
    /// </summary>
    [Secret]
    public string InternalSecret { get; set; } = "";

    /// <summary>True when principals are configured, so every door requires a key.</summary>
    public bool RequiresAuthentication => !string.IsNullOrWhiteSpace(PrincipalsFile);

    /// <inheritdoc/>
    public string? Validate() =>
        InternalSecret.Length is > 0 and < 16 ? $"{Section}:InternalSecret needs at least 16 characters" : null;

    /// <summary>The settings, secrets redacted.</summary>
    public override string ToString() => OptionsText.Describe(this);
}
