namespace AkLight.Grains.Security;

/// <summary>Who may call the broker, bound from <c>AkLight:Security</c>.</summary>
public sealed class SecurityOptions : IValidatedOptions
{
    public const string Section = "AkLight:Security";

    public const int DefaultMaxFailedLogins = 5;

    public static readonly TimeSpan DefaultFailedLoginWindow = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The principals file (see <see cref="PrincipalsFile"/>). Empty: no principals, every caller is allowed
    /// everything, and the silo refuses to listen anywhere but on loopback. Set, the file must name at least one
    /// principal and one allow rule, and every door requires a key.
    /// </summary>
    public string PrincipalsFile { get; set; } = "";

    /// <summary>
    /// The secret that marks calls between the broker's own parts. Empty: embedded mode makes one up at start;
    /// cluster mode keeps one in the database, shared by every silo. Set it only to share one by hand.
    /// </summary>
    [Secret]
    public string InternalSecret { get; set; } = "";

    /// <summary>Failed logins from one address, or against one principal name, within <see cref="FailedLoginWindow"/> before further ones are refused unchecked.</summary>
    public int MaxFailedLogins { get; set; } = DefaultMaxFailedLogins;

    /// <summary>The window failed logins are counted in, and the first lockout's length (each further one doubles, up to 15 minutes).</summary>
    public TimeSpan FailedLoginWindow { get; set; } = DefaultFailedLoginWindow;

    /// <summary>True when principals are configured, so every door requires a key: the one source of that answer.</summary>
    public bool RequiresAuthentication => !string.IsNullOrWhiteSpace(PrincipalsFile);

    /// <inheritdoc/>
    public string? Validate() =>
        InternalSecret.Length is > 0 and < 16 ? $"{Section}:InternalSecret needs at least 16 characters"
        : MaxFailedLogins is < 1 or > 1_000_000 ? $"{Section}:MaxFailedLogins must be between 1 and 1000000, got {MaxFailedLogins}"
        : FailedLoginWindow < TimeSpan.FromSeconds(1) || FailedLoginWindow > TimeSpan.FromHours(1) ? $"{Section}:FailedLoginWindow must be between 00:00:01 and 01:00:00, got {FailedLoginWindow}"
        : null;

    /// <summary>The settings, secrets redacted.</summary>
    public override string ToString() => OptionsText.Describe(this);
}
