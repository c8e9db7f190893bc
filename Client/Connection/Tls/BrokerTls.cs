using System.Security.Cryptography.X509Certificates;
using Orleans.Connections.Security;

namespace AkLight.Client.Connection.Tls;

/// <summary>
/// TLS from a client to the gateways: the broker's certificate must chain to <see cref="Authorities"/> (the cluster's
/// CA) or, with none, to the system's trusted roots. The client shows no certificate: it presents its API key.
/// </summary>
public sealed class BrokerTls
{
    /// <summary>A PEM (or DER) file of the certificate authority the brokers' certificates are signed by; set, TLS is on.</summary>
    public const string CaVariable = "AKLIGHT_TLS_CA";

    /// <summary><c>true</c>: TLS on (the system's trusted roots unless <see cref="CaVariable"/> names a CA); <c>false</c>: off.</summary>
    public const string EnabledVariable = "AKLIGHT_TLS";

    private BrokerTls(X509Certificate2Collection? authorities)
    {
        Authorities = authorities;
        Trust = new CertificateTrust(authorities);
    }

    /// <summary>The authorities trusted for the brokers' certificates; null: the system's trusted roots.</summary>
    public X509Certificate2Collection? Authorities { get; }

    /// <summary>The check applied to the brokers' certificates, with the last refusal.</summary>
    public CertificateTrust Trust { get; }

    /// <summary>TLS trusting the certificate authority in <paramref name="caPath"/>.</summary>
    public static BrokerTls WithAuthority(string caPath) => new(CertificateFiles.LoadAuthorities(caPath, CaVariable));

    /// <summary>TLS trusting the system's roots (a broker certificate from a public or company CA).</summary>
    public static BrokerTls WithSystemTrust() => new(null);

    /// <summary>
    /// What the environment asks for: <see cref="CaVariable"/> set turns TLS on with that CA, <see cref="EnabledVariable"/>
    /// <c>true</c> turns it on and <c>false</c> off (whatever the CA). Null: plain TCP.
    /// </summary>
    public static BrokerTls? FromEnvironment()
    {
        var enabled = Environment.GetEnvironmentVariable(EnabledVariable)?.Trim();
        var ca = Environment.GetEnvironmentVariable(CaVariable)?.Trim();
        bool? on = string.IsNullOrEmpty(enabled) ? null
            : bool.TryParse(enabled, out var value) ? value
            : enabled == "1" ? true : enabled == "0" ? false
            : throw new ArgumentException($"{EnabledVariable} must be true or false, not '{enabled}'");
        if (on == false) return null;
        if (!string.IsNullOrEmpty(ca)) return WithAuthority(ca);
        return on == true ? WithSystemTrust() : null;
    }

    /// <summary>Orleans' TLS settings for the client's connections to the gateways.</summary>
    internal void Configure(TlsOptions options)
    {
        options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.ClientCertificateMode = RemoteCertificateMode.NoCertificate;
        options.RemoteCertificateValidation = Trust.Validate;
    }
}
