using AkLight.Silo.Doors.Kafka.Groups;

namespace AkLight.Silo.Doors.Kafka.Apis;

/// <summary>JoinGroup v0-v5: joins (or rejoins) the member and answers once the group's round completes.</summary>
public sealed class JoinGroupApi(KafkaGroups groups) : KafkaApi(KafkaApiKey.JoinGroup, 0, 5)
{
    public override async Task<bool> HandleAsync(KafkaRequest request, KafkaWriter response)
    {
        var version = request.Version;
        var body = request.Body;
        var group = body.String();
        var sessionTimeout = TimeSpan.FromMilliseconds(body.Int32());
        var rebalanceTimeout = version >= 1 ? TimeSpan.FromMilliseconds(body.Int32()) : sessionTimeout;
        var memberId = body.String();
        if (version >= 5) body.NullableString(); // group instance id: static membership is not kept
        var protocolType = body.String();
        var protocols = body.Array(p => new KafkaGroupProtocol(p.String(), p.Bytes().ToArray()));
        request.Connection.RequirePrincipal();

        var error = string.IsNullOrEmpty(group) ? KafkaErrorCode.InvalidGroupId
            : sessionTimeout < TimeSpan.FromSeconds(1) || sessionTimeout > TimeSpan.FromMinutes(30) ? KafkaErrorCode.InvalidSessionTimeout
            : KafkaErrorCode.None;
        var result = error != KafkaErrorCode.None ? KafkaJoinResult.Failed(KafkaGroupError.None, memberId)
            : await groups.JoinAsync(group, new KafkaJoinRequest(memberId, request.ClientId ?? "kafka", sessionTimeout, rebalanceTimeout, protocolType, protocols));
        response.ThrottleTime(request, since: 2);
        response.Int16((short)(error != KafkaErrorCode.None ? error : KafkaGroups.Code(result.Error)));
        response.Int32(result.Generation);
        response.String(result.Protocol);
        response.String(result.Leader);
        response.String(result.MemberId);
        response.Array(result.Members, (w, m) =>
        {
            w.String(m.Id);
            if (version >= 5) w.String(null);
            w.Bytes(m.Metadata);
        });
        return true;
    }
}
