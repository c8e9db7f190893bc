using AkLight.Grains.Security;

namespace AkLight.Parts.Tests.Security;

public sealed class AccessPolicyTests
{
    // Few iterations: these tests are about the policy, not about the cost of the hash.
    private static readonly KeyHash AgentKey = KeyHash.Create("agent-secret", 1000);

    private static AccessPolicy Policy() => new(PrincipalsFile.Parse(
    [
        "# principals of the test",
        $"principal agent {AgentKey}",
        "allow agent produce metrics/docker/#",
        $"principal monitor {KeyHash.Create("monitor-secret", 1000)}",
        "allow monitor consume metrics/#",
        "allow monitor produce alerts/#",
        $"principal root {KeyHash.Create("root-secret", 1000)}",
        "allow root admin #",
    ], "test"));

    [Fact]
    public void Without_principals_everyone_is_anonymous_and_may_do_everything()
    {
        var policy = new AccessPolicy(new Dictionary<string, Principal>());
        Assert.False(policy.RequiresAuthentication);
        var anonymous = policy.Authenticate((string?)null);
        Assert.Same(Principal.Anonymous, anonymous);
        Assert.True(anonymous.May(BrokerOperation.Admin, TopicFilter.Parse("$SYS/x")));
        Assert.True(anonymous.IsSuperuser);
    }

    [Fact]
    public void A_key_proves_its_principal_and_a_wrong_or_missing_one_is_refused_without_saying_which_part_was_wrong()
    {
        var policy = Policy();
        Assert.Equal("agent", policy.Authenticate("agent:agent-secret").Name);
        Assert.Equal("agent", policy.Authenticate("agent:agent-secret").Name); // again, from the cache
        Assert.Equal("monitor", policy.Authenticate("monitor", "monitor-secret").Name); // MQTT: user name and password
        Assert.Equal("monitor", policy.Authenticate("monitor", "monitor:monitor-secret").Name); // or the whole key as password

        Assert.Contains("requires an API key", Assert.Throws<AuthenticationRequiredException>(() => policy.Authenticate((string?)null)).Message);
        var wrongSecret = Assert.Throws<AuthenticationRequiredException>(() => policy.Authenticate("agent:nope")).Message;
        var unknownName = Assert.Throws<AuthenticationRequiredException>(() => policy.Authenticate("nobody:agent-secret")).Message;
        Assert.Equal(wrongSecret, unknownName);
        Assert.DoesNotContain("nope", wrongSecret);
        Assert.Throws<AuthenticationRequiredException>(() => policy.Authenticate("no-colon"));
        Assert.Throws<AuthenticationRequiredException>(() => policy.Authenticate("agent", null));
    }

    [Fact]
    public void Rules_allow_an_operation_on_what_their_filter_covers_and_admin_allows_every_operation()
    {
        var policy = Policy();
        var agent = policy.Authenticate("agent:agent-secret");
        var monitor = policy.Authenticate("monitor:monitor-secret");
        var root = policy.Authenticate("root:root-secret");

        AccessPolicy.Authorize(agent, BrokerOperation.Produce, "metrics/docker/h/c/cpu");
        var denied = Assert.Throws<AccessDeniedException>(() => AccessPolicy.Authorize(agent, BrokerOperation.Consume, "metrics/docker/h/c/cpu"));
        Assert.Contains("'agent' may not consume 'metrics/docker/h/c/cpu'", denied.Message);
        Assert.Throws<AccessDeniedException>(() => AccessPolicy.Authorize(agent, BrokerOperation.Produce, "metrics/other"));

        AccessPolicy.Authorize(monitor, BrokerOperation.Consume, TopicFilter.Parse("metrics/+/+/+/cpu"));
        AccessPolicy.Authorize(monitor, BrokerOperation.Produce, "alerts/h/c/high-cpu");
        Assert.Contains("'#'", Assert.Throws<AccessDeniedException>(() => AccessPolicy.Authorize(monitor, BrokerOperation.Consume, TopicFilter.Parse("#"))).Message);
        Assert.Throws<AccessDeniedException>(() => AccessPolicy.Authorize(monitor, BrokerOperation.Admin, "metrics/x"));

        AccessPolicy.Authorize(root, BrokerOperation.Produce, "anything/at/all");
        AccessPolicy.Authorize(root, BrokerOperation.Consume, TopicFilter.Parse("#"));
        Assert.True(root.IsSuperuser);
        Assert.False(monitor.IsSuperuser);
        Assert.True(monitor.MaySee("alerts/x"));
        Assert.False(monitor.MaySee("other/x"));
    }

    [Theory]
    [InlineData("principal a", "line 1: expected")]
    [InlineData("principal a not-a-hash", "line 1: a key hash has the form")]
    [InlineData("allow a produce metrics/#", "which has no 'principal' line")]
    [InlineData("frobnicate", "line 1: expected")]
    public void A_broken_principals_file_names_its_line(string line, string expected)
    {
        var error = Assert.Throws<FormatException>(() => PrincipalsFile.Parse([line], "p.conf"));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Rules_with_a_bad_operation_or_filter_and_doubled_principals_are_refused()
    {
        var hash = KeyHash.Create("s", 1000).ToString();
        Assert.Contains("'read' is not produce, consume or admin", Assert.Throws<FormatException>(() => PrincipalsFile.Parse([$"principal a {hash}", "allow a read x"], "p")).Message);
        Assert.Contains("'#' is only allowed as the last level", Assert.Throws<FormatException>(() => PrincipalsFile.Parse([$"principal a {hash}", "allow a consume a/#/b"], "p")).Message);
        Assert.Contains("defined twice", Assert.Throws<FormatException>(() => PrincipalsFile.Parse([$"principal a {hash}", $"principal a {hash}"], "p")).Message);
        Assert.Contains("without ':'", Assert.Throws<FormatException>(() => PrincipalsFile.Parse([$"principal a:b {hash}"], "p")).Message);
    }

    [Fact]
    public void A_key_hash_round_trips_is_salted_and_checks_only_its_own_secret()
    {
        var one = KeyHash.Create("secret", 1000);
        var two = KeyHash.Create("secret", 1000);
        Assert.NotEqual(one.ToString(), two.ToString());
        var parsed = KeyHash.Parse(one.ToString());
        Assert.True(parsed.Verify("secret"));
        Assert.False(parsed.Verify("secreT"));
        Assert.StartsWith("pbkdf2-sha256$1000$", one.ToString());
        Assert.Throws<FormatException>(() => KeyHash.Parse("pbkdf2-sha256$10$AAAA$AAAA"));
    }

    [Fact]
    public void Generated_keys_name_their_principal_and_carry_256_random_bits()
    {
        var key = ApiKey.Generate("agent");
        Assert.True(ApiKey.TryParse(key.ToString(), out var parsed));
        Assert.Equal("agent", parsed.Principal);
        Assert.Equal(43, parsed.Secret.Length);
        Assert.NotEqual(key.Secret, ApiKey.Generate("agent").Secret);
        Assert.False(ApiKey.TryParse(":x", out _));
        Assert.False(ApiKey.TryParse("x:", out _));
    }
}
