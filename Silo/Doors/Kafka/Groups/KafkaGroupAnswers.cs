using AkLight.Silo.Doors.Kafka.Protocol;

namespace AkLight.Silo.Doors.Kafka.Groups;

/// <summary>What JoinGroup answers.</summary>
public sealed record class JoinResult(KafkaErrorCode Error, int Generation, string Protocol, string Leader, string MemberId, IReadOnlyList<(string Id, byte[] Metadata)> Members)
{
    public static JoinResult Failed(KafkaErrorCode error, string memberId) => new(error, -1, "", "", memberId, []);
}

/// <summary>A group as DescribeGroups shows it.</summary>
public sealed record class KafkaGroupSnapshot(string Name, string State, string ProtocolType, string Protocol,
    IReadOnlyList<(string Id, string ClientId, byte[] Metadata, byte[] Assignment)> Members);
