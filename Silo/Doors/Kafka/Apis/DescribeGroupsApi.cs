using AkLight.Silo.Doors.Kafka.Groups;

namespace AkLight.Silo.Doors.Kafka.Apis;

/// <summary>
/// DescribeGroups v0-v2: a Kafka group's state, protocol, members and their assignments (an unknown one is Dead);
/// a group the principal does not own answers GROUP_AUTHORIZATION_FAILED and nothing else.
/// </summary>
public sealed class DescribeGroupsApi(KafkaGroups groups) : KafkaApi(KafkaApiKey.DescribeGroups, 0, 2)
{
    public override async Task<bool> HandleAsync(KafkaRequest request, KafkaWriter response)
    {
        var names = request.Body.Array(r => r.String()).Distinct(StringComparer.Ordinal).ToArray();
        var principal = request.Connection.RequirePrincipal();
        var described = await Task.WhenAll(names.Select(name => DescribeAsync(principal, name)));
        response.ThrottleTime(request, since: 1);
        response.Array(described, (w, entry) =>
        {
            var (error, group) = entry;
            w.Int16((short)error);
            w.String(group.Name);
            w.String(group.IsEmpty ? "Dead" : group.State switch { "Rebalancing" => "PreparingRebalance", "AwaitingAssignment" => "CompletingRebalance", var s => s });
            w.String(group.ProtocolType);
            w.String(group.Protocol);
            w.Array(group.Members, (mw, m) =>
            {
                mw.String(m.Id);
                mw.String(m.ClientId);
                mw.String(""); // client host: not kept
                mw.Bytes(m.Metadata);
                mw.Bytes(m.Assignment);
            });
        });
        return true;
    }

    private async Task<(KafkaErrorCode Error, KafkaGroupSnapshot Group)> DescribeAsync(Principal principal, string name)
    {
        var error = await groups.AuthorizeAsync(principal, name, GroupAccess.Use);
        return error == KafkaErrorCode.None ? (error, await groups.Group(name).DescribeAsync()) : (error, new KafkaGroupSnapshot(name, "", "", "", []));
    }
}
