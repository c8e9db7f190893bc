namespace AkLight.Silo.Transport;

/// <summary>TLS on the gateway and between silos, bound from <c>AkLight:Tls</c>.</summary>
public sealed class SiloTlsOptions
{
    public const string Section = "AkLight:Tls";

    /// <summary>Gateway and silo-to-silo connections run TLS. Default false (plain TCP, fit for loopback only).</summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// The silo's certificate: PEM (with its key in the same file or in <see cref="KeyPath"/>) or PKCS#12
    /// (<c>.pfx</c>, <c>.p12</c>, with <see cref="Password"/>). Silos also show it to each other, so it must
    /// allow client authentication as well as server authentication (or name no extended key usage).
    /// </summary>
    public string CertificatePath { get; set; } = "";

    /// <summary>The PEM private key, when it is not in <see cref="CertificatePath"/>.</summary>
    public string KeyPath { get; set; } = "";

    /// <summary>Opens a PKCS#12 file or an encrypted PEM key.</summary>
    [Secret]
    public string Password { get; set; } = "";

    /// <summary>
    /// The certificate authority (PEM or DER) of the cluster: a silo accepts another silo only with a certificate
    /// it signed, and clients trust the gateway's certificate through it (<c>AKLIGHT_TLS_CA</c>).
    /// </summary>
    public string CaPath { get; set; } = "";

    /// <summary>Longest TLS handshake. Default 10 s.</summary>
    public TimeSpan HandshakeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The settings, secrets redacted.</summary>
    public override string ToString() => OptionsText.Describe(this);
}
