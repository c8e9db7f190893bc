using System.Security.Cryptography.X509Certificates;
using AkLight.Client.Connection.Tls;

namespace AkLight.Silo.Transport;

/// <summary>
/// Checks <see cref="SiloTlsOptions"/> at start: the files exist and load, the certificate has its key, may serve both
/// ends of a silo-to-silo link, and chains to the configured CA (so the silos of one cluster accept each other).
/// </summary>
internal sealed class SiloTlsOptionsValidator : IValidateOptions<SiloTlsOptions>
{
    private const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuthentication = "1.3.6.1.5.5.7.3.2";

    public ValidateOptionsResult Validate(string? name, SiloTlsOptions options)
    {
        if (!options.Enabled) return ValidateOptionsResult.Success;
        if (string.IsNullOrWhiteSpace(options.CertificatePath))
            return Fail(nameof(SiloTlsOptions.CertificatePath), "is required when TLS is enabled (a PEM or .pfx file with the silo's certificate)");
        if (string.IsNullOrWhiteSpace(options.CaPath))
            return Fail(nameof(SiloTlsOptions.CaPath), "is required when TLS is enabled (the CA certificate that signs the silos' certificates)");
        if (options.HandshakeTimeout <= TimeSpan.Zero)
            return Fail(nameof(SiloTlsOptions.HandshakeTimeout), "must be positive");
        try
        {
            using var certificate = CertificateFiles.LoadWithKey(options.CertificatePath, options.KeyPath, options.Password, Setting(nameof(SiloTlsOptions.CertificatePath)));
            var authorities = CertificateFiles.LoadAuthorities(options.CaPath, Setting(nameof(SiloTlsOptions.CaPath)));
            var usages = certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().SelectMany(e => e.EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>()).Select(o => o.Value).ToHashSet();
            if (usages.Count > 0 && !(usages.Contains(ServerAuthentication) && usages.Contains(ClientAuthentication)))
                return Fail(nameof(SiloTlsOptions.CertificatePath), $"the certificate '{certificate.Subject}' must allow both serverAuth and clientAuth (silos show it to each other)");
            var trust = new CertificateTrust(authorities);
            if (!trust.Validate(certificate, null, System.Net.Security.SslPolicyErrors.None))
                return Fail(nameof(SiloTlsOptions.CaPath), trust.LastRefusal!);
            return ValidateOptionsResult.Success;
        }
        catch (ArgumentException error)
        {
            return ValidateOptionsResult.Fail(error.Message);
        }
    }

    private static string Setting(string property) => $"{SiloTlsOptions.Section}:{property}";

    private static ValidateOptionsResult Fail(string property, string problem) => ValidateOptionsResult.Fail($"{Setting(property)}: {problem}");
}
