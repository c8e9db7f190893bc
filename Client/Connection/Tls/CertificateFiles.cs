using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AkLight.Client.Connection.Tls;

/// <summary>Reads certificates from files: PEM (certificate and key in one file or two) or PKCS#12 (.pfx, .p12).</summary>
public static class CertificateFiles
{
    /// <summary>
    /// A certificate with its private key. <paramref name="keyPath"/> names the PEM key when it is not in
    /// <paramref name="certificatePath"/>; <paramref name="password"/> opens a PKCS#12 file or an encrypted PEM key.
    /// Throws <see cref="ArgumentException"/> naming <paramref name="setting"/> and the problem.
    /// </summary>
    public static X509Certificate2 LoadWithKey(string certificatePath, string? keyPath, string? password, string setting)
    {
        RequireFile(certificatePath, setting);
        if (!string.IsNullOrEmpty(keyPath)) RequireFile(keyPath, setting);
        try
        {
            var certificate = IsPkcs12(certificatePath)
                ? X509CertificateLoader.LoadPkcs12FromFile(certificatePath, password)
                : string.IsNullOrEmpty(password)
                    ? X509Certificate2.CreateFromPemFile(certificatePath, NullIfEmpty(keyPath))
                    : X509Certificate2.CreateFromEncryptedPemFile(certificatePath, password, NullIfEmpty(keyPath));
            if (!certificate.HasPrivateKey)
                throw new ArgumentException($"{setting}: {certificatePath} holds no private key (give the key file too)");
            return certificate;
        }
        catch (Exception error) when (error is CryptographicException)
        {
            throw new ArgumentException($"{setting}: cannot read a certificate with its private key from {certificatePath}" +
                (string.IsNullOrEmpty(keyPath) ? "" : $" and {keyPath}") + $": {error.Message}", error);
        }
    }

    /// <summary>The certificates of a PEM file (one or more) or a DER file: the authorities to trust.</summary>
    public static X509Certificate2Collection LoadAuthorities(string path, string setting)
    {
        RequireFile(path, setting);
        try
        {
            var collection = new X509Certificate2Collection();
            var text = File.ReadAllText(path);
            if (text.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal)) collection.ImportFromPem(text);
            else collection.Add(X509CertificateLoader.LoadCertificateFromFile(path));
            if (collection.Count == 0) throw new ArgumentException($"{setting}: {path} holds no certificate");
            return collection;
        }
        catch (CryptographicException error)
        {
            throw new ArgumentException($"{setting}: cannot read the certificate authority in {path}: {error.Message}", error);
        }
    }

    private static bool IsPkcs12(string path) =>
        Path.GetExtension(path).ToLowerInvariant() is ".pfx" or ".p12";

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static void RequireFile(string path, string setting)
    {
        if (!File.Exists(path)) throw new ArgumentException($"{setting}: no such file: {path}");
    }
}
