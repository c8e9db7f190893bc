namespace AkLight.Doors.ProcessTests.Kafka;

/// <summary>One silo with the Kafka door on a free port, for the Kafka tests (each uses topics of its own).</summary>
public sealed class KafkaSilo : IAsyncLifetime
{
    /// <summary>Partitions of a topic created without saying.</summary>
    public const int DefaultPartitions = 3;

    private SiloServer? _silo;

    public SiloServer Silo => _silo ?? throw new InvalidOperationException("the silo is not started");

    /// <summary>The Kafka door's address, as clients' bootstrap.servers.</summary>
    public string Bootstrap { get; private set; } = "";

    /// <summary>The Kafka door's TLS address (Kafka's SSL), its certificate signed by <see cref="Certificates"/>' authority.</summary>
    public string TlsBootstrap { get; private set; } = "";

    public TestCertificates Certificates { get; } = TestCertificates.Create("AKLight Kafka test CA");

    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var ports = FreePorts.Pick(2);
        Bootstrap = $"127.0.0.1:{ports[0]}";
        TlsBootstrap = $"127.0.0.1:{ports[1]}";
        _silo = await SiloServer.StartAsync(
        [
            "AkLight:Kafka:Enabled=true",
            $"AkLight:Kafka:Port={ports[0]}",
            $"AkLight:Kafka:TlsPort={ports[1]}",
            $"AkLight:Kafka:CertificatePath={Certificates.CertificatePath}",
            $"AkLight:Kafka:KeyPath={Certificates.KeyPath}",
            $"AkLight:Broker:DefaultPartitions={DefaultPartitions}",
        ]);
        Http = _silo.CreateClient();
    }

    public async Task DisposeAsync()
    {
        Http?.Dispose();
        if (_silo is not null) await _silo.DisposeAsync();
        Certificates.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class KafkaSiloCollection : ICollectionFixture<KafkaSilo>
{
    public const string Name = "kafka silo";
}
