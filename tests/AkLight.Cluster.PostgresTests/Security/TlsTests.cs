using AkLight.Client.Connection.Tls;

namespace AkLight.Cluster.PostgresTests.Security;

/// <summary>
/// TLS on the gateway and between silos (AkLight:Tls): two silo processes on PostgreSQL form a cluster over mutual
/// TLS; a client trusting the cluster's CA produces and consumes; a plain client and a client trusting another CA
/// are refused with an error that says why; a silo with a bad TLS setting does not start, naming it.
/// </summary>
public sealed class TlsTests(PostgresFixture postgres, ITestOutputHelper output) : PostgresClusterTest(postgres, output)
{
    private const string Topic = "metrics/tls/cpu";

    [Fact]
    public async Task Silos_form_a_cluster_over_TLS_and_only_a_client_trusting_their_CA_connects()
    {
        using var certificates = TestCertificates.Create("AKLight test cluster CA");
        using var stranger = TestCertificates.Create("Some other CA");
        await using var cluster = await StartClusterAsync("tls", extraSettings: certificates.SiloSettings);
        var (silo1, silo2) = (cluster.Silos[0], cluster.Silos[1]);
        Assert.Contains("TLS on the gateway and silo links", silo1.LogTail());
        string[] gateways = [silo1.Gateway, silo2.Gateway];

        try
        {
            await using var client = await BrokerConnection.ConnectAsync(gateways, TimeSpan.FromSeconds(30), tls: BrokerTls.WithAuthority(certificates.CaPath));
            await Wait.UntilAsync(async () => await ClusterProbe.ActiveSiloCountAsync(client.Grains) == 2,
                TimeSpan.FromSeconds(30), "the cluster to see 2 active silos");

            // Four partitions over two silos: calls cross the silo-to-silo links, which run TLS too.
            await client.Grains.GetGrain<ITopicGrain>(Topic).CreateAsync(new TopicSettings(4, TimeSpan.FromHours(1)));
            await using (var producer = new Producer(client.Grains))
            {
                var deliveries = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => producer.ProduceAsync(Topic, $"k{i % 20}", $"m{i}")));
                Assert.Equal(4, deliveries.Select(d => d.Partition).Distinct().Count());
            }
            var placement = await ClusterProbe.PartitionsBySiloAsync(client.Grains, Topic);
            Assert.Equal(2, placement.Count);

            var session = await ConsumerSession.OpenAsync(client.Grains, "tls-reader", new SessionOptions([Topic], Persistent: false, StartPosition.Earliest));
            var read = new List<ConsumedMessage>();
            await Wait.UntilAsync(async () =>
            {
                read.AddRange(await session.FetchAsync(1000, TimeSpan.FromSeconds(1)));
                return read.Count >= 100;
            }, TimeSpan.FromSeconds(30), "100 messages read back over TLS");
            Assert.Equal(100, read.Count);
            Output.WriteLine($"produced and read back 100 messages over TLS; partitions by silo: {string.Join("; ", placement.Select(p => $"{p.Key}: {string.Join(",", p.Value)}"))}");

            // Without TLS: the gateway closes the connection, and the error says what to set.
            var plain = await Assert.ThrowsAsync<AkLightException>(() => BrokerConnection.ConnectAsync(gateways, TimeSpan.FromSeconds(10), tls: null));
            Output.WriteLine($"plain client: {plain.Message}");
            Assert.Contains(BrokerTls.CaVariable, plain.Message);

            // Trusting another CA: the client refuses the gateway's certificate and says so.
            var untrusted = await Assert.ThrowsAsync<AkLightException>(() =>
                BrokerConnection.ConnectAsync(gateways, TimeSpan.FromSeconds(10), tls: BrokerTls.WithAuthority(stranger.CaPath)));
            Output.WriteLine($"client trusting another CA: {untrusted.Message}");
            Assert.Contains("not trusted", untrusted.Message);
            Assert.Contains("CN=AKLight test cluster CA", untrusted.Message);
        }
        catch
        {
            Output.WriteLine(cluster.Logs(60));
            throw;
        }
    }

    [Fact]
    public async Task A_silo_with_TLS_on_and_no_CA_does_not_start_and_names_the_setting()
    {
        using var certificates = TestCertificates.Create("AKLight test cluster CA");
        var folder = Path.Combine(certificates.Folder, "silo");
        var settings = new Dictionary<string, string>(certificates.SiloSettings) { ["AkLight:Tls:CaPath"] = "" };
        await using var silo = SiloProcess.Start("silo1", folder, settings);
        await Wait.UntilAsync(() => Task.FromResult(silo.HasExited), TimeSpan.FromSeconds(60), "the silo to stop at start", () => silo.LogTail());
        Output.WriteLine(silo.LogTail(5));
        Assert.Contains("AkLight:Tls:CaPath: is required when TLS is enabled", silo.LogTail());
    }
}
