using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace AkLight.Client.Connection.Tls;

/// <summary>
/// Decides whether a peer's certificate is trusted: it must chain to one of the given authorities (a CA of the
/// cluster's own), or, with none given, to the system's trusted roots. Host names are not compared: clients and
/// silos reach each other by IP address, so the issuer is what is trusted; use a CA of the cluster's own.
/// The last refusal is kept, so a connection that fails can say why.
/// </summary>
public sealed class CertificateTrust(X509Certificate2Collection? authorities)
{
    private string? _lastRefusal;

    /// <summary>Why the last certificate was refused (subject and chain status), or null.</summary>
    public string? LastRefusal => Volatile.Read(ref _lastRefusal);

    /// <summary>For <c>TlsOptions.RemoteCertificateValidation</c>: true when <paramref name="certificate"/> is trusted.</summary>
    public bool Validate(X509Certificate2 certificate, X509Chain? presented, SslPolicyErrors errors)
    {
        var problem = authorities is null ? CheckSystemTrust(errors) : CheckAuthorities(certificate, presented);
        if (problem is null) return true;
        Volatile.Write(ref _lastRefusal, $"the certificate '{certificate.Subject}' (issued by '{certificate.Issuer}') is not trusted: {problem}");
        return false;
    }

    private static string? CheckSystemTrust(SslPolicyErrors errors)
    {
        var relevant = errors & ~SslPolicyErrors.RemoteCertificateNameMismatch;
        return relevant == SslPolicyErrors.None ? null : relevant.ToString();
    }

    private string? CheckAuthorities(X509Certificate2 certificate, X509Chain? presented)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities!);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        // Intermediates the peer sent along.
        if (presented is not null)
            foreach (var element in presented.ChainElements) chain.ChainPolicy.ExtraStore.Add(element.Certificate);
        if (chain.Build(certificate)) return null;
        var statuses = chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).Distinct();
        return $"it does not chain to the trusted certificate authority ({string.Join("; ", statuses)})";
    }
}
