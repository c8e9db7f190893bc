using AkLight.ApiTests.Infrastructure;

namespace AkLight.ApiTests.Security;

/// <summary>Secure by default: a silo without principals refuses to listen beyond loopback, naming the setting.</summary>
public sealed class ExposureTests
{
    [Theory]
    [InlineData("AkLight:Dashboard:Address=0.0.0.0", "AkLight:Dashboard:Address")]
    [InlineData("AkLight:Silo:ListenOnAnyAddress=true", "AkLight:Silo:ListenOnAnyAddress")]
    public async Task A_silo_without_principals_will_not_listen_beyond_this_machine(string setting, string named)
    {
        // Cluster mode for the silo's own ports; the check comes before any connection to the database.
        var error = await Assert.ThrowsAnyAsync<Exception>(() => SiloServer.StartAsync(
            [setting, "AkLight:Postgres:ConnectionString=Host=127.0.0.1;Port=1;Username=x;Password=x;Database=x"]));
        Assert.Contains(named, error.Message);
        Assert.Contains("no principals are configured", error.Message);
    }

    [Fact]
    public async Task With_principals_the_silo_may_listen_on_every_interface()
    {
        var folder = Directory.CreateTempSubdirectory("aklight-exposed-").FullName;
        try
        {
            var file = Path.Combine(folder, "principals.conf");
            await SecuredSilo.AddPrincipalAsync(file, "admin", ["admin:#"]);
            await using var silo = await SiloServer.StartAsync([$"AkLight:Security:PrincipalsFile={file}", "AkLight:Dashboard:Address=0.0.0.0", "AllowedHosts=*"]);
            Assert.True(await silo.IsHttpPortOpenAsync());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
