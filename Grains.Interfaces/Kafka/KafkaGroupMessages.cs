namespace AkLight;

/// <summary>The Kafka error codes a group answers with (the protocol's own numbers).</summary>
public enum KafkaGroupError : short
{
    None = 0,
    IllegalGeneration = 22,
    InconsistentGroupProtocol = 23,
    UnknownMemberId = 25,
    RebalanceInProgress = 27,
}

/// <summary>A protocol (assignment strategy) a member supports, with its subscription metadata.</summary>
[GenerateSerializer, Immutable, Alias("AkLight.KafkaGroupProtocol")]
public sealed record class KafkaGroupProtocol([property: Id(0)] string Name, [property: Id(1)] byte[] Metadata);

/// <summary>What JoinGroup asks.</summary>
[GenerateSerializer, Immutable, Alias("AkLight.KafkaJoinRequest")]
public sealed record class KafkaJoinRequest(
    [property: Id(0)] string? MemberId,
    [property: Id(1)] string ClientId,
    [property: Id(2)] TimeSpan SessionTimeout,
    [property: Id(3)] TimeSpan RebalanceTimeout,
    [property: Id(4)] string ProtocolType,
    [property: Id(5)] IReadOnlyList<KafkaGroupProtocol> Protocols);

/// <summary>A member and its metadata, as the leader gets them.</summary>
[GenerateSerializer, Immutable, Alias("AkLight.KafkaJoinedMember")]
public sealed record class KafkaJoinedMember([property: Id(0)] string Id, [property: Id(1)] byte[] Metadata);

/// <summary>What JoinGroup answers; <see cref="Pending"/> when the round has not completed yet (ask again with <see cref="MemberId"/>).</summary>
[GenerateSerializer, Immutable, Alias("AkLight.KafkaJoinResult")]
public sealed record class KafkaJoinResult(
    [property: Id(0)] KafkaGroupError Error,
    [property: Id(1)] int Generation,
    [property: Id(2)] string Protocol,
    [property: Id(3)] string Leader,
    [property: Id(4)] string MemberId,
    [property: Id(5)] IReadOnlyList<KafkaJoinedMember> Members,
    [property: Id(6)] bool Pending = false)
{
    public static KafkaJoinResult Failed(KafkaGroupError error, string memberId) => new(error, -1, "", "", memberId, []);

    public static KafkaJoinResult Waiting(string memberId) => new(KafkaGroupError.None, -1, "", "", memberId, [], Pending: true);
}

/// <summary>A member's part of the leader's assignment.</summary>
[GenerateSerializer, Immutable, Alias("AkLight.KafkaMemberAssignment")]
public sealed record class KafkaMemberAssignment([property: Id(0)] string MemberId, [property: Id(1)] byte[] Assignment);

/// <summary>What SyncGroup answers; <see cref="Pending"/> while the leader has not assigned yet (ask again).</summary>
[GenerateSerializer, Immutable, Alias("AkLight.KafkaSyncResult")]
public sealed record class KafkaSyncResult([property: Id(0)] KafkaGroupError Error, [property: Id(1)] byte[] Assignment, [property: Id(2)] bool Pending = false);

/// <summary>A group as DescribeGroups shows it.</summary>
[GenerateSerializer, Immutable, Alias("AkLight.KafkaGroupSnapshot")]
public sealed record class KafkaGroupSnapshot(
    [property: Id(0)] string Name,
    [property: Id(1)] string State,
    [property: Id(2)] string ProtocolType,
    [property: Id(3)] string Protocol,
    [property: Id(4)] IReadOnlyList<KafkaGroupMemberSnapshot> Members)
{
    public bool IsEmpty => Members.Count == 0;
}

[GenerateSerializer, Immutable, Alias("AkLight.KafkaGroupMemberSnapshot")]
public sealed record class KafkaGroupMemberSnapshot(
    [property: Id(0)] string Id,
    [property: Id(1)] string ClientId,
    [property: Id(2)] byte[] Metadata,
    [property: Id(3)] byte[] Assignment);
