using AkLight.Silo.Doors.Kafka.Groups;

namespace AkLight.Silo.Doors.Kafka.Apis;

/// <summary>
/// JoinGroup v0-v5: joins (or rejoins) the member and answers once the group's round completes. Timeouts outside
/// the configured group bounds get INVALID_SESSION_TIMEOUT; the first join of a group nobody owns makes the
/// principal its owner, and anyone else gets GROUP_AUTHORIZATION_FAILED.
/// </summary>
public sealed partial class JoinGroupApi(KafkaGroups groups, IOptions<KafkaOptions> options, ILogger<JoinGroupApi> logger) : KafkaApi(KafkaApiKey.JoinGroup, 0, 5)
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
        var principal = request.Connection.RequirePrincipal();

        var error = string.IsNullOrEmpty(group) ? KafkaErrorCode.InvalidGroupId : KafkaErrorCode.None;
        if (error == KafkaErrorCode.None && options.Value.GroupTimeoutProblem(sessionTimeout, rebalanceTimeout) is { } problem)
        {
            LogTimeoutRefused(logger, request.Connection.Remote, group, problem);
            error = KafkaErrorCode.InvalidSessionTimeout;
        }
        // Authorised last: the check claims a group nobody owns, which a request refused for its timeouts must not.
        if (error == KafkaErrorCode.None) error = await groups.AuthorizeAsync(principal, group, GroupAccess.Join);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Kafka client {Remote}: JoinGroup '{Group}' refused: {Problem}")]
    private static partial void LogTimeoutRefused(ILogger logger, System.Net.EndPoint? remote, string group, string problem);
}
