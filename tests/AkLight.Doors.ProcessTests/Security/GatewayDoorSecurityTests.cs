using AkLight.Client.Consuming;
using AkLight.Client.Producing;

namespace AkLight.Doors.ProcessTests.Security;

/// <summary>
/// The gateway door: this test process is a real client over TCP, presenting each principal's key as the console
/// tools do. Every call is authenticated and checked by the broker; nothing a refused call asked for happens.
/// </summary>
public sealed class GatewayDoorSecurityTests(SecuredSilo fixture) : SecuredSiloTest(fixture)
{
    private Task<BrokerConnection> ConnectAsync(string? principal) =>
        BrokerConnection.ConnectAsync([Secured.Silo.Gateway], TimeSpan.FromSeconds(30), token: principal is null ? null : Secured.KeyOf(principal));

    [Fact]
    public async Task A_client_without_a_valid_key_is_refused_on_every_call()
    {
        await using var none = await ConnectAsync(null);
        var missing = await Assert.ThrowsAsync<AuthenticationRequiredException>(() => none.Grains.GetGrain<ITopicGrain>("metrics/x").GetAsync());
        Assert.Contains("requires an API key", missing.Message);

        await using var wrong = await BrokerConnection.ConnectAsync([Secured.Silo.Gateway], TimeSpan.FromSeconds(30), token: "agent:not-the-secret");
        await Assert.ThrowsAsync<AuthenticationRequiredException>(() => wrong.Grains.GetGrain<ITopicGrain>("metrics/x").GetOrCreateAsync());
    }

    [Fact]
    public async Task Produce_admin_and_subscribe_are_each_checked_against_the_callers_rules()
    {
        var topic = $"metrics/{Names.Unique("gw")}/cpu";
        await using var agent = await ConnectAsync("agent");
        await using var monitor = await ConnectAsync("monitor");
        await using var outsider = await ConnectAsync("outsider");

        await using (var producer = new Producer(agent.Grains))
            await producer.ProduceAsync(topic, "k", "from-agent");
        await using (var producer = new Producer(monitor.Grains, new ProducerOptions { DeliveryTimeout = TimeSpan.FromSeconds(5) }))
        {
            var refused = await Assert.ThrowsAnyAsync<Exception>(() => producer.ProduceAsync(topic, "k", "from-monitor"));
            Assert.IsType<AccessDeniedException>(refused.InnerException ?? refused, exactMatch: false);
        }
        await Assert.ThrowsAsync<AccessDeniedException>(() => agent.Grains.GetGrain<ITopicGrain>(topic).SetRetentionAsync(TimeSpan.FromMinutes(5)));
        await Assert.ThrowsAsync<AccessDeniedException>(() => monitor.Grains.GetGrain<ITopicGrain>(topic).DeleteAsync());
        await Assert.ThrowsAsync<AccessDeniedException>(() => agent.Grains.GetPartitionGrain(new TopicPartition(topic, 0)).ReadAsync(0, 10, 1024));
        await Assert.ThrowsAsync<AccessDeniedException>(() => agent.Grains.GetPartitionGrain(new TopicPartition(topic, 0)).ReadBatchesAsync(0, 10, 1024));
        await Assert.ThrowsAsync<AccessDeniedException>(() => outsider.Grains.GetPartitionGrain(new TopicPartition(topic, 0)).GetBoundsAsync());

        var id = Names.Unique("gw-session");
        await Assert.ThrowsAsync<AccessDeniedException>(() => ConsumerSession.OpenAsync(outsider.Grains, id, new SessionOptions(["metrics/#"], false, StartPosition.Earliest)));
        var session = await ConsumerSession.OpenAsync(monitor.Grains, id, new SessionOptions(["metrics/#"], false, StartPosition.Earliest));
        await Assert.ThrowsAsync<AccessDeniedException>(() => outsider.Grains.GetGrain<IConsumerSessionGrain>(id).FetchAsync(10, TimeSpan.Zero));
        await Assert.ThrowsAsync<AccessDeniedException>(() => outsider.Grains.GetGrain<IConsumerSessionGrain>(id).CloseAsync());

        var read = await ReadUntilAsync(monitor.Grains.GetGrain<IConsumerSessionGrain>(id), topic, 1);
        Assert.Equal(["from-agent"], read.Select(m => System.Text.Encoding.UTF8.GetString(m.Payload!)));
        await session.CloseAsync();
        var bounds = await monitor.Grains.GetPartitionGrain(new TopicPartition(topic, 0)).GetBoundsAsync();
        Assert.Equal(1, bounds.EndOffset); // the refused produce stored nothing
        var batches = await monitor.Grains.GetPartitionGrain(new TopicPartition(topic, 0)).ReadBatchesAsync(0, 10, 1 << 20);
        Assert.Equal(1, batches.Batches.Sum(batch => batch.RecordCount)); // a consumer reads stored batches as they are
    }

    [Fact]
    public async Task Internal_grain_methods_are_refused_to_every_client_and_forged_notifications_hide_nothing()
    {
        var topic = $"metrics/{Names.Unique("internal")}/cpu";
        await using var admin = await ConnectAsync("admin"); // even an administrator is a client
        await using var monitor = await ConnectAsync("monitor");
        var partition = new TopicPartition(topic, 0);
        await admin.Grains.GetGrain<ITopicGrain>(topic).CreateAsync(new TopicSettings(1, TimeSpan.FromHours(1)));
        var id = Names.Unique("victim");
        await monitor.Grains.GetGrain<IConsumerSessionGrain>(id).OpenAsync(new SessionOptions([topic], false, StartPosition.Earliest));
        var victim = admin.Grains.GetGrain<IConsumerSessionGrain>(id);
        var refusals = new Func<Task>[]
        {
            () => admin.Grains.GetPartitionGrain(partition).WatchAsync(victim),
            () => admin.Grains.GetPartitionGrain(partition).UnwatchAsync(victim),
            () => admin.Grains.GetPartitionGrain(partition).ForgetAsync(),
            () => admin.Grains.GetGrain<ITopicIndexGrain>("metrics").AddAsync("metrics/forged"),
            () => admin.Grains.GetGrain<ITopicIndexGrain>("metrics").RemoveAsync(topic),
            () => admin.Grains.GetGrain<ITopicIndexGrain>(ITopicIndexGrain.RootKey).WatchAsync(victim, "#"),
            () => admin.Grains.GetGrain<IGroupDirectoryGrain>(IGroupDirectoryGrain.Key).AddAsync("forged", "admin"),
            () => admin.Grains.GetGrain<ISessionCountGrain>(ISessionCountGrain.Key).ReleaseAsync(id),
        };
        foreach (var call in refusals)
        {
            var refused = await Assert.ThrowsAsync<InternalCallException>(call);
            Assert.Contains("is internal to the broker", refused.Message);
        }

        // One-way notifications have no answer to refuse with: they are dropped, so forged messages never reach the session.
        var forged = new ConsumedMessage(topic, 0, 0, DateTimeOffset.UtcNow, null, "forged"u8.ToArray(), []);
        await victim.OnPartitionDataAsync(partition, 1, [forged]);
        await admin.Grains.GetPartitionGrain(partition).AppendAsync(new ProduceBatch([new ProduceRecord(null, "real"u8.ToArray(), null)]));
        var read = await ReadUntilAsync(monitor.Grains.GetGrain<IConsumerSessionGrain>(id), topic, 1);
        Assert.Equal(["real"], read.Select(m => System.Text.Encoding.UTF8.GetString(m.Payload!)));
        Assert.Contains(topic, await monitor.Grains.GetGrain<ITopicIndexGrain>("metrics").ListAsync("metrics/#"));
    }

    private static async Task<List<ConsumedMessage>> ReadUntilAsync(IConsumerSessionGrain session, string topic, int count)
    {
        var read = new List<ConsumedMessage>();
        for (var attempt = 0; attempt < 30 && read.Count < count; attempt++)
            read.AddRange((await session.FetchAsync(100, TimeSpan.FromSeconds(1))).Where(m => m.Topic == topic));
        return read;
    }
}
