namespace AkLight.Silo.Doors.Kafka.Groups;

/// <summary>
/// The door's way to the cluster's Kafka groups (<see cref="IKafkaGroupGrain"/>, one per group name, wherever the
/// member connected). JoinGroup and SyncGroup wait for the group's round, which may last up to the members'
/// rebalance timeout: each grain call waits a bounded time and is repeated until the round answers.
/// </summary>
public sealed class KafkaGroups(IGrainFactory grains, GroupMembership membership)
{
    /// <summary>Well under Orleans' response timeout, so a long round never times a call out.</summary>
    private static readonly TimeSpan CallWait = TimeSpan.FromSeconds(10);

    public IKafkaGroupGrain Group(string name) => grains.GetGrain<IKafkaGroupGrain>(name);

    /// <summary>
    /// NONE when <paramref name="principal"/> may make a request of <paramref name="access"/> to
    /// <paramref name="group"/>, else the code to answer. A Kafka group is AKLight's consumer group of the same
    /// name, so it has the same owner: the principal that first joined it (through any door), and only that
    /// owner or a superuser may use it. Checked before anything else, so a refused request changes nothing.
    /// </summary>
    public async Task<KafkaErrorCode> AuthorizeAsync(Principal principal, string group, GroupAccess access)
    {
        if (string.IsNullOrEmpty(group)) return KafkaErrorCode.InvalidGroupId;
        try
        {
            var owner = await membership.OwnerAsync(principal, group, claim: access == GroupAccess.Join);
            // Committing never takes a group: a group nobody has joined yet would go to whoever commits first.
            return access == GroupAccess.Commit && owner is null && !principal.IsSuperuser ? KafkaErrorCode.GroupAuthorizationFailed : KafkaErrorCode.None;
        }
        catch (AccessDeniedException)
        {
            return KafkaErrorCode.GroupAuthorizationFailed;
        }
    }

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

    /// <summary>Kafka's number for a group's error.</summary>
    public static KafkaErrorCode Code(KafkaGroupError error) => (KafkaErrorCode)(short)error;
}

/// <summary>What a group request does with the group, for <see cref="KafkaGroups.AuthorizeAsync"/>.</summary>
public enum GroupAccess
{
    /// <summary>JoinGroup: the first join of a group nobody owns makes the caller its owner.</summary>
    Join,

    /// <summary>Sync, heartbeat, leave, describe, offset fetch: the owner's (or a superuser's) only.</summary>
    Use,

    /// <summary>OffsetCommit: as <see cref="Use"/>, and a group nobody owns is refused (superusers excepted).</summary>
    Commit,
}
