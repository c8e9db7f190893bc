namespace AkLight.Silo.Doors.Kafka.Apis;

/// <summary>
/// DescribeConfigs v0-v2, enough for the usual tools: a topic's <c>retention.ms</c> and <c>cleanup.policy</c>
/// (read-only here; the HTTP API changes retention); a broker has no configs to show.
/// </summary>
public sealed class DescribeConfigsApi(TopicAdministration topics) : KafkaApi(KafkaApiKey.DescribeConfigs, 0, 2)
{
    private const sbyte TopicResource = 2;

    public override async Task<bool> HandleAsync(KafkaRequest request, KafkaWriter response)
    {
        var version = request.Version;
        var resources = request.Body.Array(r => (Type: r.Int8(), Name: r.String(), Keys: r.ArrayLength() is var n and >= 0 ? Enumerable.Range(0, n).Select(_ => r.String()).ToList() : null));
        var principal = request.Connection.RequirePrincipal();
        var results = new List<(KafkaErrorCode Error, string? Message, sbyte Type, string Name, (string Key, string Value)[] Configs)>();
        foreach (var resource in resources)
        {
            if (resource.Type != TopicResource)
            {
                results.Add((KafkaErrorCode.None, null, resource.Type, resource.Name, []));
                continue;
            }
            try
            {
                var info = await topics.FindAsync(principal, resource.Name, create: false) ?? throw new UnknownTopicException(resource.Name);
                (string, string)[] configs =
                [
                    ("retention.ms", ((long)info.Retention.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    ("cleanup.policy", info.Compact ? "compact" : "delete"),
                ];
                results.Add((KafkaErrorCode.None, null, resource.Type, resource.Name, configs.Where(c => resource.Keys is null || resource.Keys.Contains(c.Item1)).ToArray()));
            }
            catch (Exception error) when (KafkaErrors.Answerable(error))
            {
                results.Add((KafkaErrors.From(error), error.Message, resource.Type, resource.Name, []));
            }
        }

        response.Int32(0); // throttle time
        response.Array(results, (w, r) =>
        {
            w.Int16((short)r.Error);
            w.String(r.Message);
            w.Int8(r.Type);
            w.String(r.Name);
            w.Array(r.Configs, (cw, c) =>
            {
                cw.String(c.Key);
                cw.String(c.Value);
                cw.Bool(true); // read-only
                if (version == 0) cw.Bool(false); // is default
                else cw.Int8(1); // source: the topic's own setting
                cw.Bool(false); // sensitive
                if (version >= 1) cw.Int32(0); // synonyms
            });
        });
        return true;
    }
}
