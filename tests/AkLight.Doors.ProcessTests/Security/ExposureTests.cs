namespace AkLight.Doors.ProcessTests.Security;

/// <summary>Secure by default: a silo without principals refuses to listen beyond loopback, naming the setting.</summary>
public sealed class ExposureTests
{
    [Theory]
    [InlineData("--AkLight:Dashboard:Address=0.0.0.0", "AkLight:Dashboard:Address")]
    [InlineData("--AkLight:Silo:ListenOnAnyAddress=true", "AkLight:Silo:ListenOnAnyAddress")]
    public async Task A_silo_without_principals_will_not_listen_beyond_this_machine(string setting, string named)
    {
        var ports = FreePorts.Pick(3);
        // Cluster mode for the silo's own ports; the check comes before any connection to the database.
        using var silo = ProcessRunner.StartDotnet(RepositoryPaths.SiloDll,
        [
            setting, $"--AkLight:Silo:SiloPort={ports[0]}", $"--AkLight:Silo:GatewayPort={ports[1]}", $"--AkLight:Dashboard:Port={ports[2]}",
            "--AkLight:Postgres:ConnectionString=Host=127.0.0.1;Port=1;Username=x;Password=x;Database=x",
        ]);
        var exit = await silo.WaitForExitAsync(TimeSpan.FromSeconds(60));
        Assert.NotEqual(0, exit);
        var refusal = Assert.Single(silo.Stderr, line => line.Contains("no principals are configured", StringComparison.Ordinal));
        Assert.Contains(named, refusal);
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

    [Theory]
    [InlineData("", "names no principal")]
    [InlineData("principal admin scram-sha-256$4096$c2FsdA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n", "has no allow rule")]
    public async Task A_principals_file_that_lets_nobody_do_anything_stops_the_silo_naming_the_file(string content, string missing)
    {
        var folder = Directory.CreateTempSubdirectory("aklight-empty-").FullName;
        try
        {
            var file = Path.Combine(folder, "principals.conf");
            await File.WriteAllTextAsync(file, "# principals\n" + content);
            var ports = FreePorts.Pick(3);
            using var silo = ProcessRunner.StartDotnet(RepositoryPaths.SiloDll,
            [
                $"--AkLight:Security:PrincipalsFile={file}", "--AkLight:Silo:ListenOnAnyAddress=true",
                $"--AkLight:Silo:SiloPort={ports[0]}", $"--AkLight:Silo:GatewayPort={ports[1]}", $"--AkLight:Dashboard:Port={ports[2]}",
                "--AkLight:Postgres:ConnectionString=Host=127.0.0.1;Port=1;Username=x;Password=x;Database=x",
            ]);
            var exit = await silo.WaitForExitAsync(TimeSpan.FromSeconds(60));
            Assert.NotEqual(0, exit);
            var refusal = Assert.Single(silo.Stderr, line => line.Contains(missing, StringComparison.Ordinal));
            Assert.Contains($"principals file '{file}'", refusal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
