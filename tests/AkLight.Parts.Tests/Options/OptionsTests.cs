using AkLight.Grains.Security;
using AkLight.Silo;
using AkLight.Silo.Broker;
using AkLight.Silo.Transport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AkLight.Parts.Tests.Options;

/// <summary>The one options idiom: bound from a section, validated (naming the key), secrets never shown.</summary>
public sealed class OptionsTests
{
    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void Registered_options_bind_their_section_and_a_bad_value_fails_naming_the_key()
    {
        var services = new ServiceCollection().AddSingleton(Configuration(("AkLight:Groups:MemberTimeout", "00:00:09")));
        services.AddValidatedOptions<GroupOptions>(GroupOptions.Section);
        Assert.Equal(TimeSpan.FromSeconds(9), services.BuildServiceProvider().GetRequiredService<IOptions<GroupOptions>>().Value.MemberTimeout);

        var bad = new ServiceCollection().AddSingleton(Configuration(("AkLight:Groups:MemberTimeout", "00:00:00")));
        bad.AddValidatedOptions<GroupOptions>(GroupOptions.Section);
        var error = Assert.Throws<OptionsValidationException>(() => bad.BuildServiceProvider().GetRequiredService<IOptions<GroupOptions>>().Value);
        Assert.Contains("AkLight:Groups:MemberTimeout must be a positive duration", error.Message);
    }

    [Fact]
    public void Options_read_while_the_host_is_built_are_validated_the_same_way()
    {
        Assert.Equal(30001, Configuration(("AkLight:Silo:GatewayPort", "30001")).GetValidatedOptions<SiloOptions>(SiloOptions.Section).GatewayPort);
        var error = Assert.Throws<OptionsValidationException>(() =>
            Configuration(("AkLight:Silo:GatewayPort", "70000")).GetValidatedOptions<SiloOptions>(SiloOptions.Section));
        Assert.Contains("AkLight:Silo:GatewayPort must be a TCP port (1-65535), got 70000", error.Message);
        Assert.Contains("must differ", new SiloOptions { SiloPort = 5000, GatewayPort = 5000 }.Validate());
    }

    [Theory]
    [InlineData("AkLight:Service:ProduceTimeout", "00:00:00", "ProduceTimeout must be positive")]
    [InlineData("AkLight:Service:MaxFetchWait", "00:01:00", "MaxFetchWait must be between 0 and 30 s")]
    public void Broker_service_options_name_the_bad_key(string key, string value, string problem)
    {
        var options = Configuration((key, value)).GetSection(BrokerServiceOptions.Section).Get<BrokerServiceOptions>()!;
        Assert.Contains(problem, options.Validate());
        Assert.Null(new BrokerServiceOptions().Validate());
    }

    [Fact]
    public void Secrets_are_never_shown_only_whether_they_are_set()
    {
        var security = new SecurityOptions { PrincipalsFile = "/etc/aklight/principals.json", InternalSecret = "a-secret-of-sixteen-chars" };
        var text = security.ToString();
        Assert.Contains("PrincipalsFile=/etc/aklight/principals.json", text);
        Assert.Contains($"InternalSecret={OptionsText.Redacted}", text);
        Assert.DoesNotContain("a-secret-of-sixteen-chars", text);

        var tls = new SiloTlsOptions { Enabled = true, CertificatePath = "silo.pfx", Password = "pfx-password" };
        Assert.DoesNotContain("pfx-password", tls.ToString());
        Assert.Contains("Password=(set, not shown)", tls.ToString());
        Assert.Contains("InternalSecret=(not set)", new SecurityOptions().ToString());
    }
}
