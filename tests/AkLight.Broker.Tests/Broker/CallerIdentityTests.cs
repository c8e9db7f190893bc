using AkLight.Grains.Security;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace AkLight.Broker.Tests.Broker;

/// <summary>
/// The broker fails closed: a call made inside the silo that acts for no principal may use no session or group,
/// so a door or a job that forgot to say whom it acts for is refused instead of allowed everything.
/// </summary>
public sealed class CallerIdentityTests(BrokerClusterFixture fixture) : BrokerTest(fixture)
{
    [Fact]
    public async Task A_call_inside_the_silo_for_no_principal_is_refused_and_the_brokers_own_call_is_not()
    {
        var id = TestTopics.Unique("owned");
        await Client.GetGrain<IConsumerSessionGrain>(id).OpenAsync(new SessionOptions(["owned/#"], false, StartPosition.Earliest));
        var inside = ((InProcessSiloHandle)Fixture.Cluster.Silos[0]).SiloHost.Services.GetRequiredService<IGrainFactory>();

        var refused = await Task.Run(async () =>
        {
            RequestContext.Clear();
            return await Assert.ThrowsAsync<AccessDeniedException>(() => inside.GetGrain<IConsumerSessionGrain>(id).FetchAsync(10, TimeSpan.Zero));
        });
        Assert.Contains("acting for no principal", refused.Message);

        var fetched = await Task.Run(async () =>
        {
            CallerIdentity.SetBroker();
            return await inside.GetGrain<IConsumerSessionGrain>(id).FetchAsync(10, TimeSpan.Zero);
        });
        Assert.Empty(fetched);
    }
}
