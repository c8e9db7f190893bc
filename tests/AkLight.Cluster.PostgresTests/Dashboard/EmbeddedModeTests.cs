namespace AkLight.Cluster.PostgresTests.Dashboard;

/// <summary>The embedded (no PostgreSQL) silo still serves the dashboard, and partitions place with the custom director.</summary>
public sealed class EmbeddedModeTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_embedded_silo_serves_the_dashboard_and_takes_messages()
    {
        var workingDirectory = Directory.CreateTempSubdirectory("aklight-embedded-").FullName;
        try
        {
            await using var silo = SiloProcess.Start("embedded", workingDirectory, new Dictionary<string, string>());
            await silo.WaitForGatewayAsync(TimeSpan.FromSeconds(90));
            try
            {
                using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
                HttpResponseMessage? response = null;
                await Wait.UntilAsync(async () => (response = await http.GetAsync($"http://127.0.0.1:{silo.DashboardPort}/dashboard/")).IsSuccessStatusCode,
                    TimeSpan.FromSeconds(30), "the dashboard to answer");
                Assert.Equal(System.Net.HttpStatusCode.OK, response!.StatusCode);
                Assert.Contains("Orleans Dashboard", await response.Content.ReadAsStringAsync());

                await using var connection = await BrokerConnection.ConnectAsync([silo.Gateway], TimeSpan.FromSeconds(30));
                await using var producer = new Producer(connection.Grains);
                var deliveries = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => producer.ProduceAsync("metrics/embedded/cpu", $"k{i}", $"m{i}")));
                Assert.Equal(40, deliveries.Length);
                Assert.True(File.Exists(Path.Combine(workingDirectory, "data", "aklight.db")));
            }
            catch
            {
                output.WriteLine(silo.LogTail());
                throw;
            }
        }
        finally
        {
            Directory.Delete(workingDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task With_the_dashboard_disabled_the_silo_opens_no_http_port()
    {
        var workingDirectory = Directory.CreateTempSubdirectory("aklight-embedded-").FullName;
        try
        {
            var httpPort = FreePorts.Pick();
            await using var silo = SiloProcess.Start("no-dashboard", workingDirectory,
                new Dictionary<string, string> { ["AkLight:Dashboard:Port"] = httpPort.ToString() }, dashboard: false);
            await silo.WaitForGatewayAsync(TimeSpan.FromSeconds(90));
            Assert.False(await FreePorts.IsListeningAsync(httpPort));
        }
        finally
        {
            Directory.Delete(workingDirectory, recursive: true);
        }
    }
}
