namespace AkLight.Doors.ProcessTests.Infrastructure;

/// <summary>
/// One silo for the API and browser tests, with small limits so the 413 cases need little data. Tests use topic
/// names of their own (<see cref="Names.Unique"/>), so they do not see each other's messages.
/// </summary>
public sealed class SharedSilo : IAsyncLifetime
{
    /// <summary>Largest message this silo takes (<c>AkLight:Broker:MaxMessageBytes</c>).</summary>
    public const int MaxMessageBytes = 64 * 1024;

    /// <summary>Largest request body this silo reads (<c>AkLight:Http:MaxRequestBytes</c>).</summary>
    public const int MaxRequestBytes = 512 * 1024;

    /// <summary>Partitions of a topic created without saying (<c>AkLight:Broker:DefaultPartitions</c>).</summary>
    public const int DefaultPartitions = 3;

    private SiloServer? _silo;

    public SiloServer Silo => _silo ?? throw new InvalidOperationException("the silo is not started");

    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _silo = await SiloServer.StartAsync(
        [
            $"AkLight:Broker:MaxMessageBytes={MaxMessageBytes}",
            $"AkLight:Http:MaxRequestBytes={MaxRequestBytes}",
            // Topics outside appsettings.json's TopicDefaults (metrics/#, alerts/#: 1 partition) get this many.
            $"AkLight:Broker:DefaultPartitions={DefaultPartitions}",
            // /metrics samples the consumer groups this often: a scrape shows a new group's lag quickly.
            "AkLight:Metrics:GroupSampleInterval=00:00:01",
        ]);
        Http = _silo.CreateClient();
    }

    public async Task DisposeAsync()
    {
        Http?.Dispose();
        if (_silo is not null) await _silo.DisposeAsync();
    }
}

/// <summary>The tests that share <see cref="SharedSilo"/>.</summary>
[CollectionDefinition(Name)]
public sealed class SharedSiloCollection : ICollectionFixture<SharedSilo>
{
    public const string Name = "shared silo";
}

/// <summary>Names no other test uses.</summary>
public static class Names
{
    /// <summary><paramref name="prefix"/> and a short random suffix: a first topic level of the test's own.</summary>
    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";
}
