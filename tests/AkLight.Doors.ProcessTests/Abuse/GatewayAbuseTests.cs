using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Metadata;

namespace AkLight.Doors.ProcessTests.Abuse;

/// <summary>
/// An attacker who reaches the gateway port with a stock Orleans client and builds references to Orleans' own
/// system targets: silo control (every activation, forced collections) and the membership table (its silo's row).
/// Each call is refused, with or without a key, and the silo goes on serving.
/// </summary>
public sealed class GatewayAbuseTests(SecuredSilo fixture) : SecuredSiloTest(fixture)
{
    // The client routes a system-target call to the gateway named in its key, which hands it to its own silo.
    private string GatewaySilo => Secured.Silo.Gateway + "@0";

    public static TheoryData<string?> Callers => new() { null, "admin" };

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task Silo_control_is_refused_and_activations_survive(string? principal)
    {
        await using var monitor = await ConnectAsync("monitor");
        var id = Names.Unique("victim");
        await monitor.Grains.GetGrain<IConsumerSessionGrain>(id).OpenAsync(new SessionOptions([$"metrics/{id}/#"], false, StartPosition.Earliest));

        await using var attacker = await ConnectAsync(principal);
        var control = SystemTarget(attacker, "silo-control", "Orleans.ISiloControl, Orleans.Core");
        var statistics = await Assert.ThrowsAsync<InternalCallException>(() => Call(control, "GetSimpleGrainStatistics"));
        await Assert.ThrowsAsync<InternalCallException>(() => Call(control, "ForceActivationCollection", TimeSpan.Zero));
        await Assert.ThrowsAsync<InternalCallException>(() => Call(control, "ForceGarbageCollection"));
        Assert.DoesNotContain(Secured.Silo.Gateway.Split(':')[1], statistics.ToString()); // no silo address in the refusal

        // The open session was not collected: its owner still fetches from it.
        Assert.Empty(await monitor.Grains.GetGrain<IConsumerSessionGrain>(id).FetchAsync(10, TimeSpan.Zero));
    }

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task The_membership_service_is_refused_and_the_silo_keeps_serving(string? principal)
    {
        await using var attacker = await ConnectAsync(principal);
        var membership = SystemTarget(attacker, "clustering", "Orleans.Runtime.IMembershipService, Orleans.Core");
        await Assert.ThrowsAsync<InternalCallException>(() => Call(membership, "Ping", 1));

        await using var admin = await ConnectAsync("admin");
        var topic = $"metrics/{Names.Unique("alive")}/cpu";
        await admin.Grains.GetGrain<ITopicGrain>(topic).CreateAsync(new TopicSettings(1, TimeSpan.FromHours(1)));
        Assert.Equal(1, (await admin.Grains.GetGrain<ITopicGrain>(topic).GetAsync())!.Partitions);
    }

    [Fact]
    public async Task A_client_cannot_claim_a_principal_or_the_broker_in_its_request_context()
    {
        await using var monitor = await ConnectAsync("monitor");
        var id = Names.Unique("claimed");
        await monitor.Grains.GetGrain<IConsumerSessionGrain>(id).OpenAsync(new SessionOptions(["metrics/#"], false, StartPosition.Earliest));

        await using var outsider = await ConnectAsync("outsider");
        // What the broker's own calls carry, as a client would forge it: the gateway replaces it with the key's principal.
        RequestContext.Set(CallContextKeys.Principal, "monitor");
        RequestContext.Set(CallContextKeys.Principal + ".broker", true);
        RequestContext.Set(CallContextKeys.Principal + ".superuser", true);
        try
        {
            var refused = await Assert.ThrowsAsync<AccessDeniedException>(() => outsider.Grains.GetGrain<IConsumerSessionGrain>(id).FetchAsync(10, TimeSpan.Zero));
            Assert.Contains("'outsider' may not use session", refused.Message);
        }
        finally
        {
            RequestContext.Clear();
        }
    }

    [Fact]
    public async Task A_group_name_cannot_be_squatted_by_committing_first_and_stays_free_for_its_first_member()
    {
        var group = Names.Unique("squatted");
        await using var outsider = await ConnectAsync("outsider");
        var squat = outsider.Grains.GetGrain<IConsumerGroupGrain>(group);
        var refused = await Assert.ThrowsAsync<AccessDeniedException>(() => squat.CommitUnassignedAsync([new TopicPartitionOffset("other/x", 0, 0)]));
        Assert.Contains("join it first", refused.Message);
        await Assert.ThrowsAsync<InternalCallException>(() => squat.CheckOwnerAsync(claim: true));

        // The rightful user joins and owns it; the outsider can do nothing with it afterwards.
        await using var monitor = await ConnectAsync("monitor");
        await monitor.Grains.GetGrain<IConsumerGroupGrain>(group).JoinAsync("m1", ["metrics/#"]);
        await Assert.ThrowsAsync<AccessDeniedException>(() => squat.DescribeAsync());
        Assert.DoesNotContain(group, await outsider.Grains.GetGrain<IGroupDirectoryGrain>(IGroupDirectoryGrain.Key).ListAsync());
    }

    [Fact]
    public async Task The_cluster_manifest_the_client_runtime_needs_is_still_served()
    {
        // A client with no key connects (the runtime reads the manifest) and is refused only at its first broker call.
        await using var none = await ConnectAsync(null);
        await Assert.ThrowsAsync<AuthenticationRequiredException>(() => none.Grains.GetGrain<ITopicGrain>("metrics/x").GetAsync());
    }

    private Task<BrokerConnection> ConnectAsync(string? principal) =>
        BrokerConnection.ConnectAsync([Secured.Silo.Gateway], TimeSpan.FromSeconds(30), token: principal is null ? null : Secured.KeyOf(principal));

    /// <summary>A reference to an internal Orleans interface, as a client that knows its name can build one.</summary>
    private (IAddressable Target, Type Interface) SystemTarget(BrokerConnection connection, string type, string interfaceName)
    {
        var @interface = Type.GetType(interfaceName, throwOnError: true)!;
        var interfaceType = connection.Grains.ServiceProvider.GetRequiredService<GrainInterfaceTypeResolver>().GetGrainInterfaceType(@interface);
        return (connection.Grains.GetGrain(GrainId.Create($"sys.svc.{type}", GatewaySilo), interfaceType), @interface);
    }

    private static async Task Call((IAddressable Target, Type Interface) reference, string method, params object[] arguments)
    {
        var info = reference.Interface.GetMethods().Concat(reference.Interface.GetInterfaces().SelectMany(i => i.GetMethods()))
            .First(m => m.Name == method && m.GetParameters().Count(p => !p.HasDefaultValue) == arguments.Length);
        var parameters = info.GetParameters().Select((p, i) => i < arguments.Length ? arguments[i] : p.DefaultValue).ToArray();
        try
        {
            var result = info.Invoke(reference.Target, parameters);
            if (result is Task task) await task;
        }
        catch (TargetInvocationException wrapped) when (wrapped.InnerException is not null)
        {
            throw wrapped.InnerException;
        }
    }
}
