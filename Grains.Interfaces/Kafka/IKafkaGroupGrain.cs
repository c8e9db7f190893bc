namespace AkLight;

/// <summary>
/// One Kafka consumer group's membership, run as Kafka's classic group protocol, keyed by group name: one per
/// cluster, so members that bootstrap through different silos are one group. Only the Kafka door calls it
/// (clients never reach it). The waits of JoinGroup and SyncGroup last until the group's round completes, which
/// can be longer than a grain call may take: each call waits at most <c>wait</c> and answers
/// <see cref="KafkaJoinResult.Pending"/> (or <see cref="KafkaSyncResult.Pending"/>), and the door asks again.
/// </summary>
public interface IKafkaGroupGrain : IGrainWithStringKey
{
    /// <summary>Joins (or rejoins) a member; answers once the round completes or <paramref name="wait"/> passes.</summary>
    [BrokerInternal]
    Task<KafkaJoinResult> JoinAsync(KafkaJoinRequest request, TimeSpan wait);

    /// <summary>Waits again for the round a pending <see cref="JoinAsync"/> joined <paramref name="memberId"/> to.</summary>
    [BrokerInternal]
    Task<KafkaJoinResult> AwaitJoinAsync(string memberId, TimeSpan wait);

    /// <summary>SyncGroup: the leader hands in the assignments; every member gets its part. Safe to repeat while pending.</summary>
    [BrokerInternal]
    Task<KafkaSyncResult> SyncAsync(string memberId, int generation, IReadOnlyList<KafkaMemberAssignment> assignments, TimeSpan wait);

    [BrokerInternal]
    Task<KafkaGroupError> HeartbeatAsync(string memberId, int generation);

    /// <summary>NONE when the member of that generation may commit; a commit without membership (generation -1, no member) always may.</summary>
    [BrokerInternal]
    Task<KafkaGroupError> CheckCommitterAsync(string memberId, int generation);

    [BrokerInternal]
    Task<KafkaGroupError> LeaveAsync(string memberId);

    /// <summary>A snapshot for DescribeGroups and ListGroups.</summary>
    [BrokerInternal]
    Task<KafkaGroupSnapshot> DescribeAsync();
}
