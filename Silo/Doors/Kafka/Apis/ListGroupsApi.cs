namespace AkLight.Silo.Doors.Kafka.Apis;

/// <summary>
/// ListGroups v0-v2: the consumer groups the principal owns (every group for a superuser). A Kafka group is
/// AKLight's group of the same name, owned by whoever first joined it, so one listing covers both.
/// </summary>
public sealed class ListGroupsApi(GroupMembership groups) : KafkaApi(KafkaApiKey.ListGroups, 0, 2)
{
    public override async Task<bool> HandleAsync(KafkaRequest request, KafkaWriter response)
    {
        var principal = request.Connection.RequirePrincipal();
        var names = (await groups.ListAsync(principal)).Order(StringComparer.Ordinal).ToArray();
        response.ThrottleTime(request, since: 1);
        response.Int16((short)KafkaErrorCode.None);
        response.Array(names, (w, name) =>
        {
            w.String(name);
            w.String("consumer");
        });
        return true;
    }
}
