using AkLight.Silo.Doors.Kafka.Groups;

namespace AkLight.Silo.Doors.Kafka.Apis;

/// <summary>DescribeGroups v0-v2: a Kafka group's state, protocol, members and their assignments (an unknown one is Dead).</summary>
public sealed class DescribeGroupsApi(KafkaGroups groups) : KafkaApi(KafkaApiKey.DescribeGroups, 0, 2)
{
    public override async Task<bool> HandleAsync(KafkaRequest request, KafkaWriter response)
    {
        var names = request.Body.Array(r => r.String());
        request.Connection.RequirePrincipal();
        var described = await Task.WhenAll(names.Select(name => groups.Group(name).DescribeAsync()));
        response.ThrottleTime(request, since: 1);
        response.Array(described, (w, group) =>
        {
            w.Int16((short)KafkaErrorCode.None);
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
}
