namespace AkLight.Silo.Doors.Kafka.Apis;

/// <summary>DeleteTopics v0-v3 through <see cref="TopicAdministration"/>: each topic with its messages.</summary>
public sealed class DeleteTopicsApi(TopicAdministration topics) : KafkaApi(KafkaApiKey.DeleteTopics, 0, 3)
{
    public override async Task<bool> HandleAsync(KafkaRequest request, KafkaWriter response)
    {
        var names = request.Body.Array(r => r.String());
        var principal = request.Connection.RequirePrincipal();
        var results = await Task.WhenAll(names.Select(n => DeleteAsync(principal, n)));
        response.ThrottleTime(request, since: 1);
        response.Array(results, (w, r) =>
        {
            w.String(r.Name);
            w.Int16((short)r.Error);
        });
        return true;
    }

    private async Task<(string Name, KafkaErrorCode Error)> DeleteAsync(Principal principal, string name)
    {
        try
        {
            await topics.DeleteAsync(principal, name);
            return (name, KafkaErrorCode.None);
        }
        catch (Exception error) when (KafkaErrors.Answerable(error))
        {
            return (name, KafkaErrors.From(error));
        }
    }
}
