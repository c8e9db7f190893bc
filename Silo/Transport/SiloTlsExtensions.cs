using AkLight.Client.Connection.Tls;
using Orleans.Configuration;
using Orleans.Connections.Security;

namespace AkLight.Silo.Transport;

/// <summary>
/// TLS on the silo's three kinds of connection (Microsoft.Orleans.Connections.Security), from <see cref="SiloTlsOptions"/>:
/// <list type="bullet">
/// <item>gateway, inbound from clients: the silo shows its certificate; clients show none (they present API keys);</item>
/// <item>silo to silo, both ways: mutual TLS, each side's certificate must chain to the cluster's CA, so nothing
/// but a silo of this cluster can join or talk to one.</item>
/// </list>
/// </summary>
public static class SiloTlsExtensions
{
    public static ISiloBuilder AddSiloTls(this ISiloBuilder silo)
    {
        silo.Services.AddValidatedOptions<SiloTlsOptions, SiloTlsOptionsValidator>(SiloTlsOptions.Section);
        // Resolved when Orleans builds its listeners and connectors, after the settings were validated at start.
        silo.Services.AddOptions<SiloConnectionOptions>().Configure<IOptions<SiloTlsOptions>>((connections, settings) =>
        {
            var tls = settings.Value;
            if (!tls.Enabled) return;
            var certificate = CertificateFiles.LoadWithKey(tls.CertificatePath, tls.KeyPath, tls.Password, $"{SiloTlsOptions.Section}:CertificatePath");
            var trust = new CertificateTrust(CertificateFiles.LoadAuthorities(tls.CaPath, $"{SiloTlsOptions.Section}:CaPath"));
            var gateway = Options(tls, certificate, trust, RemoteCertificateMode.NoCertificate);
            var peers = Options(tls, certificate, trust, RemoteCertificateMode.RequireCertificate);
            connections.ConfigureGatewayInboundConnection(builder => builder.UseServerTls(gateway));
            connections.ConfigureSiloInboundConnection(builder => builder.UseServerTls(peers));
            connections.ConfigureSiloOutboundConnection(builder => builder.UseClientTls(peers));
        });
        return silo;
    }

    private static TlsOptions Options(SiloTlsOptions settings, System.Security.Cryptography.X509Certificates.X509Certificate2 certificate,
        CertificateTrust trust, RemoteCertificateMode remote) => new()
    {
        LocalCertificate = certificate,
        RemoteCertificateMode = remote,
        // Outbound to another silo: show the certificate (the peer requires it).
        ClientCertificateMode = RemoteCertificateMode.RequireCertificate,
        RemoteCertificateValidation = trust.Validate,
        HandshakeTimeout = settings.HandshakeTimeout,
    };
}
