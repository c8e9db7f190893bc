using AkLight.Grains.Kafka;

namespace AkLight.Silo.Doors.Kafka.Groups;

/// <summary>
/// The door's way to the cluster's Kafka groups (<see cref="IKafkaGroupGrain"/>, one per group name, wherever the
/// member connected). JoinGroup and SyncGroup wait for the group's round, which may last up to the members'
/// rebalance timeout: each grain call waits a bounded time and is repeated until the round answers.
/// </summary>
public sealed class KafkaGroups(IGrainFactory grains)
{
    /// <summary>Well under Orleans' response timeout, so a long round never times a call out.</summary>
    private static readonly TimeSpan CallWait = TimeSpan.FromSeconds(10);

    public IKafkaGroupGrain Group(string name) => grains.GetGrain<IKafkaGroupGrain>(name);

    public async Task<KafkaJoinResult> JoinAsync(string group, KafkaJoinRequest request)
    {
        var grain = Group(group);
        var result = await grain.JoinAsync(request, CallWait);
        while (result.Pending) result = await grain.AwaitJoinAsync(result.MemberId, CallWait);
        return result;
    }

    public async Task<KafkaSyncResult> SyncAsync(string group, string memberId, int generation, IReadOnlyList<KafkaMemberAssignment> assignments)
    {
        var grain = Group(group);
        var result = await grain.SyncAsync(memberId, generation, assignments, CallWait);
        while (result.Pending) result = await grain.SyncAsync(memberId, generation, [], CallWait);
        return result;
    }

    /// <summary>The names of the Kafka groups active anywhere in the cluster.</summary>
    public async Task<IReadOnlyList<string>> ListActiveAsync()
    {
        var active = await grains.GetGrain<IManagementGrain>(0).GetActiveGrains(GrainType.Create(KafkaGroupGrain.TypeName));
        return active.Select(id => id.Key.ToString()!).ToArray();
    }

    /// <summary>Kafka's number for a group's error.</summary>
    public static KafkaErrorCode Code(KafkaGroupError error) => (KafkaErrorCode)(short)error;
}
