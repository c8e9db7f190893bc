using System.Net.Http.Headers;
using AkLight.Doors.ProcessTests.Kafka;

namespace AkLight.Doors.ProcessTests.Abuse;

/// <summary>
/// Guessing keys on a silo with principals and the default login throttle: after a few wrong keys from one address
/// the rest are refused without being checked, while a principal that already logged in keeps being served.
/// </summary>
public sealed class LoginAbuseTests : IAsyncLifetime
{
    private const int Guesses = 20;
    private readonly string _folder = Directory.CreateTempSubdirectory("aklight-abuse-").FullName;
    private readonly int _kafkaPort = FreePorts.Pick(1)[0];
    private SiloServer? _silo;
    private string _adminKey = "";
    private string _agentKey = "";

    public async Task InitializeAsync()
    {
        var file = Path.Combine(_folder, "principals.conf");
        _adminKey = await SecuredSilo.AddPrincipalAsync(file, "admin", ["admin:#"]);
        _agentKey = await SecuredSilo.AddPrincipalAsync(file, "agent", ["produce:metrics/#"]);
        _silo = await SiloServer.StartAsync([$"AkLight:Security:PrincipalsFile={file}", "AkLight:Kafka:Enabled=true", $"AkLight:Kafka:Port={_kafkaPort}"]);
    }

    [Fact]
    public async Task Wrong_keys_from_one_address_are_refused_unchecked_after_five_and_a_logged_in_principal_is_still_served()
    {
        using var admin = Client(_adminKey);
        using (var before = await admin.GetAsync("api/topics")) Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        // An attacker's parallel guesses at the admin's key, all from this address.
        var answers = await Task.WhenAll(Enumerable.Range(0, Guesses).Select(async i =>
        {
            using var guess = Client($"admin:guess-{i}");
            using var response = await guess.GetAsync("api/topics");
            return (await response.ProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated")).GetProperty("detail").GetString()!;
        }));
        var checkedGuesses = answers.Count(a => a == "unknown principal or wrong key");
        var throttled = answers.Count(a => a.StartsWith("too many failed logins", StringComparison.Ordinal));
        Assert.True(checkedGuesses <= 8 && checkedGuesses + throttled == Guesses, string.Join("\n", answers));

        // Locked out now: even a right key nobody has used yet is not checked from here.
        using (var agent = Client(_agentKey))
        using (var refused = await agent.GetAsync("api/topics"))
            Assert.Matches(@"^too many failed logins (from this address|for principal 'admin'); try again in \d+ s$",
                (await refused.ProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated")).GetProperty("detail").GetString());

        using var after = await admin.GetAsync("api/topics");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task Failed_kafka_scram_logins_count_too_and_then_the_kafka_door_refuses_this_address_even_the_right_key()
    {
        var bootstrap = $"127.0.0.1:{_kafkaPort}";
        const string Sasl = "-L -m 5 -X security.protocol=SASL_PLAINTEXT";
        // SCRAM costs the broker no slow hash, so without the throttle guessing over it would be unbounded. kcat
        // retries within a run, so a run may fail several times.
        string Guess(int i) => $"{Sasl} -X sasl.mechanism=SCRAM-SHA-256 -X sasl.username=guess{i} -X sasl.password=wrong";
        var answer = await Kcat.RunAsync(bootstrap, Guess(0), expectSuccess: false);
        Assert.True(answer.Contains("unknown principal or wrong key", StringComparison.Ordinal), answer);
        for (var i = 1; i < 10 && !answer.Contains("too many failed logins", StringComparison.Ordinal); i++)
            answer = await Kcat.RunAsync(bootstrap, Guess(i), expectSuccess: false);
        Assert.True(answer.Contains("too many failed logins from this address", StringComparison.Ordinal), answer);

        var agentSecret = _agentKey["agent:".Length..];
        var refused = await Kcat.RunAsync(bootstrap, $"{Sasl} -X sasl.mechanism=PLAIN -X sasl.username=agent -X sasl.password={agentSecret}", expectSuccess: false);
        Assert.True(refused.Contains("too many failed logins from this address", StringComparison.Ordinal), refused);
    }

    private HttpClient Client(string key)
    {
        var http = _silo!.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return http;
    }

    public async Task DisposeAsync()
    {
        if (_silo is not null) await _silo.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
