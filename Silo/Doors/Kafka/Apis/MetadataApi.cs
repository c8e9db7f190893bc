namespace AkLight.Silo.Doors.Kafka.Apis;

/// <summary>
/// Metadata v0-v8: this silo as the one broker, and the topics asked for (all those the principal may see when
/// none are named) with their partitions, each led by this silo. A named topic that does not exist is created
/// when the client allows it and the principal may produce to it, as a first publish would.
/// </summary>
public sealed class MetadataApi(TopicAdministration topics, KafkaNode node, IOptions<KafkaOptions> options) : KafkaApi(KafkaApiKey.Metadata, 0, 8)
{
    public override async Task<bool> HandleAsync(KafkaRequest request, KafkaWriter response)
    {
        var version = request.Version;
        var body = request.Body;
        var count = body.ArrayLength();
        var names = new List<string>();
        for (var i = 0; i < count; i++) names.Add(body.String());
        // Each topic answered once (its metadata lists every partition), and no more of them than a request may name.
        names = names.Distinct(StringComparer.Ordinal).ToList();
        if (names.Count > options.Value.MaxPartitionsPerRequest)
            throw new RequestRefusedException($"Metadata names {names.Count} topics, more than {options.Value.MaxPartitionsPerRequest} ({KafkaOptions.Section}:MaxPartitionsPerRequest)");
        var create = version < 4 || body.Bool();
        var principal = request.Connection.RequirePrincipal();
        var all = count < 0 || (version == 0 && count == 0);
        var found = all ? await AllAsync(principal) : await Task.WhenAll(names.Select(n => FindAsync(principal, n, create)));

        var broker = node.For(request.Connection);
        response.ThrottleTime(request, since: 3);
        response.Int32(1);
        response.Int32(broker.NodeId);
        response.String(broker.Host);
        response.Int32(broker.Port);
        if (version >= 1) response.String(null); // rack
        if (version >= 2) response.String(KafkaNode.ClusterId);
        if (version >= 1) response.Int32(broker.NodeId); // controller
        response.Array(found, (w, topic) => WriteTopic(w, version, broker.NodeId, topic));
        if (version >= 8) response.Int32(int.MinValue); // cluster authorized operations: not asked for
        return true;
    }

    private async Task<TopicMetadata[]> AllAsync(Principal principal)
    {
        var names = await topics.ListAsync(principal, TopicFilter.Parse("#"));
        var found = await Task.WhenAll(names.Select(n => FindAsync(principal, n, create: false)));
        return found.Where(t => t.Error != KafkaErrorCode.UnknownTopicOrPartition).ToArray(); // deleted meanwhile
    }

    private async Task<TopicMetadata> FindAsync(Principal principal, string name, bool create)
    {
        try
        {
            var info = await topics.FindAsync(principal, name, create);
            return new TopicMetadata(name, info is null ? KafkaErrorCode.UnknownTopicOrPartition : KafkaErrorCode.None, info?.Partitions ?? 0);
        }
        catch (Exception error) when (KafkaErrors.Answerable(error))
        {
            return new TopicMetadata(name, KafkaErrors.From(error), 0);
        }
    }

    private static void WriteTopic(KafkaWriter writer, short version, int nodeId, TopicMetadata topic)
    {
        writer.Int16((short)topic.Error);
        writer.String(topic.Name);
        if (version >= 1) writer.Bool(false); // internal
        writer.Int32(topic.Partitions);
        for (var p = 0; p < topic.Partitions; p++)
        {
            writer.Int16((short)KafkaErrorCode.None);
            writer.Int32(p);
            writer.Int32(nodeId); // leader
            if (version >= 7) writer.Int32(0); // leader epoch
            writer.Int32(1); // replicas
            writer.Int32(nodeId);
            writer.Int32(1); // in-sync replicas
            writer.Int32(nodeId);
            if (version >= 5) writer.Int32(0); // offline replicas
        }
        if (version >= 8) writer.Int32(int.MinValue); // topic authorized operations: not asked for
    }

    private sealed record class TopicMetadata(string Name, KafkaErrorCode Error, int Partitions);
}
