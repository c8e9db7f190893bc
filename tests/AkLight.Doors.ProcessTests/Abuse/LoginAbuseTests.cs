using System.Net.Http.Headers;

namespace AkLight.Doors.ProcessTests.Abuse;

/// <summary>
/// Guessing keys on a silo with principals and the default login throttle: after a few wrong keys from one address
/// the rest are refused without being checked, while a principal that already logged in keeps being served.
/// </summary>
public sealed class LoginAbuseTests : IAsyncLifetime
{
    private const int Guesses = 20;
    private readonly string _folder = Directory.CreateTempSubdirectory("aklight-abuse-").FullName;
    private SiloServer? _silo;
    private string _adminKey = "";
    private string _agentKey = "";

    public async Task InitializeAsync()
    {
        var file = Path.Combine(_folder, "principals.conf");
        _adminKey = await SecuredSilo.AddPrincipalAsync(file, "admin", ["admin:#"]);
        _agentKey = await SecuredSilo.AddPrincipalAsync(file, "agent", ["produce:metrics/#"]);
        _silo = await SiloServer.StartAsync([$"AkLight:Security:PrincipalsFile={file}"]);
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
