namespace AkLight.Cluster.PostgresTests.Names;

/// <summary>
/// Topic names, session ids and group names of 1 to 65,535 bytes of UTF-8 work alike on PostgreSQL and on the
/// embedded store, through a restart of the silo.
/// </summary>
public sealed class LongNameTests(PostgresFixture postgres, ITestOutputHelper output) : PostgresClusterTest(postgres, output)
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Names_up_to_65535_bytes_work_on_postgres_across_a_restart()
    {
        var scenario = new LongNameScenario(Output);
        await using var cluster = await NewClusterAsync("names");
        var silo = await cluster.StartSiloAsync("silo1");
        try
        {
            await using (var connection = await cluster.ConnectAsync()) await scenario.BeforeRestartAsync(connection.Grains);
            silo.Kill();
            var again = await cluster.StartSiloAsync("silo1-again", silo.SiloPort, silo.GatewayPort, silo.DashboardPort);
            await cluster.WaitForActiveMembersAsync([again]);
            await using (var connection = await cluster.ConnectAsync()) await scenario.AfterRestartAsync(connection.Grains);
        }
        catch
        {
            Output.WriteLine(cluster.Logs(60));
            throw;
        }
    }

    [Fact]
    public async Task Names_up_to_65535_bytes_work_on_the_embedded_store_across_a_restart()
    {
        var scenario = new LongNameScenario(Output);
        var workingDirectory = Directory.CreateTempSubdirectory("aklight-names-").FullName;
        SiloProcess? silo = null;
        try
        {
            silo = SiloProcess.Start("embedded", workingDirectory, new Dictionary<string, string>());
            await silo.WaitForGatewayAsync(StartTimeout);
            await using (var connection = await BrokerConnection.ConnectAsync([silo.Gateway], TimeSpan.FromSeconds(30)))
                await scenario.BeforeRestartAsync(connection.Grains);
            await silo.StopAsync(TimeSpan.FromSeconds(30));
            await silo.DisposeAsync();

            silo = SiloProcess.Start("embedded-again", workingDirectory, new Dictionary<string, string>(), silo.SiloPort, silo.GatewayPort, silo.DashboardPort);
            await silo.WaitForGatewayAsync(StartTimeout);
            await using (var connection = await BrokerConnection.ConnectAsync([silo.Gateway], TimeSpan.FromSeconds(30)))
                await scenario.AfterRestartAsync(connection.Grains);
        }
        catch
        {
            if (silo is not null) Output.WriteLine(silo.LogTail());
            throw;
        }
        finally
        {
            if (silo is not null) await silo.DisposeAsync();
            Directory.Delete(workingDirectory, recursive: true);
        }
    }
}
