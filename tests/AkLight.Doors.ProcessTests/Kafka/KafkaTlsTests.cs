namespace AkLight.Doors.ProcessTests.Kafka;

/// <summary>Kafka over TLS with kcat: SSL on a silo without principals, trusting the test's own authority.</summary>
public sealed class KafkaTlsTests(KafkaSilo kafka) : KafkaSiloTest(kafka)
{
    [Fact]
    public async Task Kcat_produces_and_consumes_over_ssl_and_is_pointed_at_the_tls_port()
    {
        var topic = Names.Unique("ktls") + "/logs";
        var ssl = $"-X security.protocol=ssl -X ssl.ca.location={Kafka.Certificates.CaPath}";
        await Kcat.RunAsync(Kafka.TlsBootstrap, $"{ssl} -P -t {topic} -K: -p 0", "web-1:over tls\n");
        var consumed = await Kcat.RunAsync(Kafka.TlsBootstrap, $"{ssl} -C -t {topic} -p 0 -o beginning -e -f %k=%s\\n");
        Assert.Equal("web-1=over tls", consumed.Trim());

        // Metadata read over TLS names the TLS port, so the client stays on it.
        var listing = await Kcat.RunAsync(Kafka.TlsBootstrap, $"{ssl} -L -t {topic}");
        Assert.Contains(Kafka.TlsBootstrap, listing);
    }

    [Fact]
    public async Task A_client_that_does_not_trust_the_certificate_gets_nothing()
    {
        var refused = await Kcat.RunAsync(Kafka.TlsBootstrap, "-L -m 5 -X security.protocol=ssl", expectSuccess: false);
        Assert.Contains("certificate", refused, StringComparison.OrdinalIgnoreCase);
    }
}

/// <summary>Kafka over TLS with SASL/PLAIN (SASL_SSL) on a silo with principals.</summary>
public sealed class KafkaSaslSslTests(SecuredSilo secured) : SecuredSiloTest(secured)
{
    [Fact]
    public async Task Kcat_authenticates_over_sasl_ssl_with_a_principals_key()
    {
        var topic = "metrics/" + Names.Unique("saslssl") + "/cpu";
        var agent = SaslSsl("agent");
        await Kcat.RunAsync(Secured.KafkaTlsBootstrap, $"{agent} -P -t {topic} -K: -p 0", "web-1:0.5\n");
        var consumed = await Kcat.RunAsync(Secured.KafkaTlsBootstrap, $"{SaslSsl("monitor")} -C -t {topic} -p 0 -o beginning -e -f %s\\n");
        Assert.Equal("0.5", consumed.Trim());
        await Kcat.RunAsync(Secured.KafkaTlsBootstrap, $"-L -m 5 -X security.protocol=ssl -X ssl.ca.location={Secured.Certificates.CaPath}", expectSuccess: false);
    }

    private string SaslSsl(string principal) =>
        $"-X security.protocol=SASL_SSL -X ssl.ca.location={Secured.Certificates.CaPath} -X sasl.mechanism=PLAIN " +
        $"-X sasl.username={principal} -X sasl.password={Secured.KeyOf(principal)}";
}
