namespace AkLight.Cluster.PostgresTests.Faults;

/// <summary>
/// The embedded store's disk fills up under a running silo: producers are told the store is full, nothing
/// acknowledged is lost or damaged, and appends resume once space is freed, without restarting the silo.
/// </summary>
public sealed class FullDiskTests(ITestOutputHelper output)
{
    private const string Topic = "faults/full-disk";
    private const int PayloadBytes = 16 * 1024;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_full_disk_fails_produce_as_store_full_and_appends_resume_once_space_is_freed()
    {
        if (!SmallDisk.CanMount)
        {
            output.WriteLine("not run: mounting a small tmpfs needs root");
            return;
        }
        await using var disk = await SmallDisk.MountAsync(megabytes: 32);
        var silo = SiloProcess.Start("embedded", disk.Path, new Dictionary<string, string>());
        try
        {
            await silo.WaitForGatewayAsync(StartTimeout);
            var acknowledged = new Dictionary<long, string>();
            string failure;
            await using (var connection = await BrokerConnection.ConnectAsync([silo.Gateway], TimeSpan.FromSeconds(30)))
            {
                await connection.Grains.GetGrain<ITopicGrain>(Topic).CreateAsync(new TopicSettings(1, TimeSpan.FromHours(1)));
                await using var producer = new Producer(connection.Grains, new ProducerOptions { DeliveryTimeout = TimeSpan.FromSeconds(2) });
                output.WriteLine($"ballast of {disk.Fill() >> 20} MiB fills the disk");

                failure = await ProduceUntilFailureAsync(producer, acknowledged, maxMessages: 4_000);
                output.WriteLine($"{acknowledged.Count} acknowledged, then: {failure}");
                Assert.Contains("store is full", failure);

                disk.Free();
                await Wait.UntilAsync(async () => await TryProduceAsync(producer, acknowledged, "after"), TimeSpan.FromSeconds(30),
                    "an append to succeed once the ballast is deleted", () => silo.LogTail(20));
                for (var i = 0; i < 20; i++) Assert.True(await TryProduceAsync(producer, acknowledged, $"after-{i}"));
                AssertStored(await ClusterProbe.ReadAllAsync(connection.Grains, Topic, 1), acknowledged);
            }

            // What was acknowledged is still there, intact, after a restart on the same files.
            await silo.StopAsync(TimeSpan.FromSeconds(30));
            await silo.DisposeAsync();
            silo = SiloProcess.Start("embedded-again", disk.Path, new Dictionary<string, string>(), silo.SiloPort, silo.GatewayPort, silo.DashboardPort);
            await silo.WaitForGatewayAsync(StartTimeout);
            await using (var connection = await BrokerConnection.ConnectAsync([silo.Gateway], TimeSpan.FromSeconds(30)))
                AssertStored(await ClusterProbe.ReadAllAsync(connection.Grains, Topic, 1), acknowledged);
            output.WriteLine($"{acknowledged.Count} acknowledged messages read back after the restart");
        }
        catch
        {
            output.WriteLine(silo.LogTail());
            throw;
        }
        finally
        {
            await silo.DisposeAsync();
        }
    }

    private static async Task<string> ProduceUntilFailureAsync(Producer producer, Dictionary<long, string> acknowledged, int maxMessages)
    {
        for (var i = 0; i < maxMessages; i++)
        {
            try
            {
                var text = $"m{i}-" + new string((char)('a' + i % 26), PayloadBytes);
                acknowledged[(await producer.ProduceAsync(Topic, null, text)).Offset] = text;
            }
            catch (AkLightException error)
            {
                return error.Message;
            }
        }
        throw new InvalidOperationException($"{maxMessages} messages of {PayloadBytes} bytes fitted on the full disk");
    }

    private static async Task<bool> TryProduceAsync(Producer producer, Dictionary<long, string> acknowledged, string text)
    {
        try
        {
            acknowledged[(await producer.ProduceAsync(Topic, null, text)).Offset] = text;
            return true;
        }
        catch (AkLightException)
        {
            return false;
        }
    }

    private static void AssertStored(IReadOnlyList<ConsumedMessage> stored, Dictionary<long, string> acknowledged)
    {
        var byOffset = stored.ToDictionary(m => m.Offset, m => Encoding.UTF8.GetString(m.Payload!));
        foreach (var (offset, text) in acknowledged)
        {
            Assert.True(byOffset.TryGetValue(offset, out var found), $"offset {offset} was acknowledged and is not stored");
            Assert.True(found == text, $"offset {offset} holds other bytes than were acknowledged");
        }
    }
}
