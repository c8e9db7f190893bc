namespace AkLight.Broker.Tests.Infrastructure;

/// <summary>
/// What every test of the in-process broker starts from: the one shared silo (<see cref="BrokerClusterFixture"/>),
/// its client, and topics of the test's own.
/// </summary>
[Collection(BrokerCollection.Name)]
public abstract class BrokerTest(BrokerClusterFixture fixture)
{
    /// <summary>The shared silo: its clock, its restart.</summary>
    protected BrokerClusterFixture Fixture => fixture;

    protected IClusterClient Client => fixture.Client;

    /// <summary>Creates a topic named <paramref name="prefix"/> plus a unique suffix; one hour's retention unless said.</summary>
    protected async Task<string> CreateTopicAsync(string prefix, int partitions, TimeSpan? retention = null)
    {
        var topic = TestTopics.Unique(prefix);
        await Client.GetGrain<ITopicGrain>(topic).CreateAsync(new TopicSettings(partitions, retention ?? TimeSpan.FromHours(1)));
        return topic;
    }
}
