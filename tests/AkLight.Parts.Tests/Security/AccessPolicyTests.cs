using System.Net;
using AkLight.Grains.Security;

namespace AkLight.Parts.Tests.Security;

public sealed class AccessPolicyTests
{
    // Few iterations: these tests are about the policy, not about the cost of the hash.
    private static readonly ScramCredential AgentKey = ScramCredential.Create("agent-secret", ScramCredential.MinIterations);

    private static AccessPolicy Policy() => new(PrincipalsFile.Parse(
    [
        "# principals of the test",
        $"principal agent {AgentKey}",
        "allow agent produce metrics/docker/#",
        $"principal monitor {ScramCredential.Create("monitor-secret", ScramCredential.MinIterations)}",
        "allow monitor consume metrics/#",
        "allow monitor produce alerts/#",
        $"principal root {ScramCredential.Create("root-secret", ScramCredential.MinIterations)}",
        "allow root admin #",
    ], "test"));

    [Fact]
    public async Task Without_principals_everyone_is_anonymous_and_may_do_everything()
    {
        var policy = new AccessPolicy(null);
        Assert.False(policy.RequiresAuthentication);
        var anonymous = await policy.AuthenticateAsync(null, address: null);
        Assert.Same(Principal.Anonymous, anonymous);
        Assert.True(anonymous.May(BrokerOperation.Admin, TopicFilter.Parse("$SYS/x")));
        Assert.True(anonymous.IsSuperuser);
    }

    [Fact]
    public async Task A_key_proves_its_principal_and_a_wrong_or_missing_one_is_refused_without_saying_which_part_was_wrong()
    {
        var policy = Policy();
        Assert.Equal("agent", (await policy.AuthenticateAsync("agent:agent-secret", null)).Name);
        Assert.Equal("agent", (await policy.AuthenticateAsync("agent:agent-secret", null)).Name); // again, from the cache
        Assert.Equal("monitor", (await policy.AuthenticateAsync("monitor", "monitor-secret", null)).Name); // MQTT: user name and password
        Assert.Equal("monitor", (await policy.AuthenticateAsync("monitor", "monitor:monitor-secret", null)).Name); // or the whole key as password

        Assert.Contains("requires an API key", (await Assert.ThrowsAsync<AuthenticationRequiredException>(() => policy.AuthenticateAsync(null, null).AsTask())).Message);
        var wrongSecret = (await Assert.ThrowsAsync<AuthenticationRequiredException>(() => policy.AuthenticateAsync("agent:nope", null).AsTask())).Message;
        var unknownName = (await Assert.ThrowsAsync<AuthenticationRequiredException>(() => policy.AuthenticateAsync("nobody:agent-secret", null).AsTask())).Message;
        Assert.Equal(wrongSecret, unknownName);
        Assert.DoesNotContain("nope", wrongSecret);
        await Assert.ThrowsAsync<AuthenticationRequiredException>(() => policy.AuthenticateAsync("no-colon", null).AsTask());
        await Assert.ThrowsAsync<AuthenticationRequiredException>(() => policy.AuthenticateAsync("agent", null, null).AsTask());
    }

    [Fact]
    public async Task After_five_failures_from_one_address_its_logins_are_refused_unchecked_while_a_proved_key_stays_served()
    {
        var policy = Policy();
        var attacker = IPAddress.Parse("192.0.2.7");
        Assert.Equal("root", (await policy.AuthenticateAsync("root:root-secret", attacker)).Name); // proved before the attack
        for (var i = 0; i < SecurityOptions.DefaultMaxFailedLogins; i++)
            Assert.Equal("unknown principal or wrong key", (await Assert.ThrowsAsync<AuthenticationRequiredException>(() => policy.AuthenticateAsync($"guess{i}:x", attacker).AsTask())).Message);

        // Even the right key is not checked from there now: a guess that happens to be right learns nothing.
        var refused = await Assert.ThrowsAsync<AuthenticationRequiredException>(() => policy.AuthenticateAsync("agent:agent-secret", attacker).AsTask());
        Assert.Matches(@"^too many failed logins from this address; try again in \d+ s$", refused.Message);
        Assert.Equal("root", (await policy.AuthenticateAsync("root:root-secret", attacker)).Name);
        Assert.Equal("agent", (await policy.AuthenticateAsync("agent:agent-secret", IPAddress.Parse("192.0.2.8"))).Name);
    }

    [Fact]
    public async Task After_five_failures_against_one_name_it_is_refused_from_every_address_known_or_not()
    {
        var policy = Policy();
        foreach (var name in new[] { "monitor", "nobody" })
        {
            for (var i = 0; i < SecurityOptions.DefaultMaxFailedLogins; i++)
                await Assert.ThrowsAsync<AuthenticationRequiredException>(() => policy.AuthenticateAsync($"{name}:wrong", IPAddress.Parse($"198.51.100.{i}")).AsTask());
            var refused = await Assert.ThrowsAsync<AuthenticationRequiredException>(() => policy.AuthenticateAsync($"{name}:wrong", IPAddress.Parse("203.0.113.1")).AsTask());
            Assert.StartsWith($"too many failed logins for principal '{name}'; try again in", refused.Message);
        }
    }

    [Fact]
    public async Task Rules_allow_an_operation_on_what_their_filter_covers_and_admin_allows_every_operation()
    {
        var policy = Policy();
        var agent = await policy.AuthenticateAsync("agent:agent-secret", null);
        var monitor = await policy.AuthenticateAsync("monitor:monitor-secret", null);
        var root = await policy.AuthenticateAsync("root:root-secret", null);

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
    [InlineData("principal a not-a-hash", "line 1: a stored key has the form")]
    [InlineData("principal a pbkdf2-sha256$600000$AAAA$AAAA", "line 1: 'pbkdf2-sha256' is the old stored form")]
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
        var hash = ScramCredential.Create("s", ScramCredential.MinIterations).ToString();
        Assert.Contains("'read' is not produce, consume or admin", Assert.Throws<FormatException>(() => PrincipalsFile.Parse([$"principal a {hash}", "allow a read x"], "p")).Message);
        Assert.Contains("'#' is only allowed as the last level", Assert.Throws<FormatException>(() => PrincipalsFile.Parse([$"principal a {hash}", "allow a consume a/#/b"], "p")).Message);
        Assert.Contains("defined twice", Assert.Throws<FormatException>(() => PrincipalsFile.Parse([$"principal a {hash}", $"principal a {hash}"], "p")).Message);
        Assert.Contains("without ':'", Assert.Throws<FormatException>(() => PrincipalsFile.Parse([$"principal a:b {hash}"], "p")).Message);
    }

    [Fact]
    public void A_file_without_principals_or_without_any_rule_serves_nobody_and_is_refused()
    {
        var hash = ScramCredential.Create("s", ScramCredential.MinIterations).ToString();
        var empty = Assert.Throws<FormatException>(() => PrincipalsFile.CheckServesSomeone(PrincipalsFile.Parse(["# nothing yet"], "p.conf"), "p.conf"));
        Assert.Equal("principals file 'p.conf' names no principal: add one with `AkLight.Silo principal add NAME --allow OPERATION:FILTER --file p.conf`", empty.Message);
        var ruleless = Assert.Throws<FormatException>(() => PrincipalsFile.CheckServesSomeone(PrincipalsFile.Parse([$"principal a {hash}"], "p.conf"), "p.conf"));
        Assert.StartsWith("principals file 'p.conf' has no allow rule", ruleless.Message);
        PrincipalsFile.CheckServesSomeone(PrincipalsFile.Parse([$"principal a {hash}", $"principal b {hash}", "allow b consume x/#"], "p.conf"), "p.conf");
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
