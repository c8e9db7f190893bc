using System.Net.Http.Headers;

namespace AkLight.Doors.ProcessTests.Security;

/// <summary>
/// A real silo with principals, made with the silo's own <c>principal add</c> command:
/// <c>admin</c> (admin on <c>#</c>), <c>agent</c> (produce <c>metrics/#</c>), <c>monitor</c> (consume <c>metrics/#</c>,
/// produce <c>alerts/#</c>) and <c>outsider</c> (consume <c>other/#</c>).
/// </summary>
public sealed class SecuredSilo : IAsyncLifetime
{
    public static readonly (string Name, string[] Rules)[] Principals =
    [
        ("admin", ["admin:#"]),
        ("agent", ["produce:metrics/#"]),
        ("monitor", ["consume:metrics/#", "produce:alerts/#"]),
        ("outsider", ["consume:other/#"]),
    ];

    private readonly Dictionary<string, string> _keys = [];
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "aklight-principals-" + Guid.NewGuid().ToString("N")[..8]);
    private SiloServer? _silo;

    public SiloServer Silo => _silo ?? throw new InvalidOperationException("the silo is not started");

    /// <summary>The Kafka door's address (SASL/PLAIN with a principal's name and key).</summary>
    public string KafkaBootstrap { get; private set; } = "";

    /// <summary>The Kafka door's TLS address (SASL_SSL), its certificate signed by <see cref="Certificates"/>' authority.</summary>
    public string KafkaTlsBootstrap { get; private set; } = "";

    public TestCertificates Certificates { get; } = TestCertificates.Create("AKLight secured silo test CA");

    public string PrincipalsFile => Path.Combine(_folder, "principals.conf");

    /// <summary>The API key of <paramref name="principal"/>, as <c>principal add</c> printed it.</summary>
    public string KeyOf(string principal) => _keys[principal];

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        foreach (var (name, rules) in Principals) _keys[name] = await AddPrincipalAsync(PrincipalsFile, name, rules);
        var kafkaPorts = FreePorts.Pick(2);
        KafkaBootstrap = $"127.0.0.1:{kafkaPorts[0]}";
        KafkaTlsBootstrap = $"127.0.0.1:{kafkaPorts[1]}";
        // Many tests here send wrong keys on purpose, all from loopback: the login throttle (its own tests are in
        // Abuse/LoginAbuseTests) would otherwise lock the tests that follow out.
        _silo = await SiloServer.StartAsync([$"AkLight:Security:PrincipalsFile={PrincipalsFile}", "AkLight:Security:MaxFailedLogins=1000000", "AkLight:Kafka:Enabled=true", $"AkLight:Kafka:Port={kafkaPorts[0]}",
            $"AkLight:Kafka:TlsPort={kafkaPorts[1]}", $"AkLight:Kafka:CertificatePath={Certificates.CertificatePath}", $"AkLight:Kafka:KeyPath={Certificates.KeyPath}"]);
    }

    /// <summary>Runs <c>AkLight.Silo principal add</c>; returns the key it prints.</summary>
    public static async Task<string> AddPrincipalAsync(string file, string name, IEnumerable<string> rules)
    {
        using var command = ProcessRunner.StartDotnet(RepositoryPaths.SiloDll,
            ["principal", "add", name, "--file", file, .. rules.SelectMany(r => new[] { "--allow", r })]);
        var exit = await command.WaitForExitAsync(TimeSpan.FromSeconds(60));
        Assert.True(exit == 0, command.Describe());
        return Assert.Single(command.Stdout, l => l.StartsWith(name + ":", StringComparison.Ordinal));
    }

    /// <summary>An HTTP client presenting <paramref name="principal"/>'s key; null: no key at all.</summary>
    public HttpClient As(string? principal)
    {
        var http = Silo.CreateClient();
        if (principal is not null) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _keys.GetValueOrDefault(principal, principal));
        return http;
    }

    public async Task DisposeAsync()
    {
        if (_silo is not null) await _silo.DisposeAsync();
        Certificates.Dispose();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}

[CollectionDefinition(Name)]
public sealed class SecuredSiloCollection : ICollectionFixture<SecuredSilo>
{
    public const string Name = "secured silo";
}
