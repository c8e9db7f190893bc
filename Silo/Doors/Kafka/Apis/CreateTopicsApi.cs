namespace AkLight.Silo.Doors.Kafka.Apis;

/// <summary>
/// CreateTopics v0-v4 through <see cref="TopicAdministration"/>: the partition count (-1: the name's default),
/// <c>retention.ms</c> and <c>cleanup.policy</c> (delete or compact). Replication is the store's, so the factor is ignored.
/// </summary>
public sealed class CreateTopicsApi(TopicAdministration topics) : KafkaApi(KafkaApiKey.CreateTopics, 0, 4)
{
    public override async Task<bool> HandleAsync(KafkaRequest request, KafkaWriter response)
    {
        var body = request.Body;
        var wanted = body.Array(t => new TopicToCreate(
            t.String(), t.Int32(), t.Int16(),
            t.Array(a => (a.Int32(), a.Array(b => b.Int32()))).Count,
            // A config named twice counts once, the last one winning, as Kafka reads it.
            t.Array(c => (Name: c.String(), Value: c.NullableString())).GroupBy(c => c.Name).ToDictionary(g => g.Key, g => g.Last().Value)));
        body.Int32(); // timeout
        var validateOnly = request.Version >= 1 && body.Bool();
        var principal = request.Connection.RequirePrincipal();
        var results = await Task.WhenAll(wanted.Select(t => CreateAsync(principal, t, validateOnly)));

        response.ThrottleTime(request, since: 2);
        response.Array(results, (w, r) =>
        {
            w.String(r.Name);
            w.Int16((short)r.Error);
            if (request.Version >= 1) w.String(r.Message);
        });
        return true;
    }

    private async Task<(string Name, KafkaErrorCode Error, string? Message)> CreateAsync(Principal principal, TopicToCreate topic, bool validateOnly)
    {
        try
        {
            if (topic.ManualAssignments > 0) return (topic.Name, KafkaErrorCode.InvalidRequest, "replica assignments are not supported: AKLight places partitions itself");
            var retention = topic.Configs.GetValueOrDefault("retention.ms") is { } ms ? TimeSpan.FromMilliseconds(long.TryParse(ms, out var millis) && millis <= (long)TimeSpan.MaxValue.TotalMilliseconds ? millis : throw new FormatException()) : (TimeSpan?)null;
            var compact = topic.Configs.GetValueOrDefault("cleanup.policy") is { } policy ? policy.Contains("compact", StringComparison.Ordinal) : (bool?)null;
            AccessPolicy.Authorize(principal, BrokerOperation.Admin, TopicName.Parse(topic.Name).Value);
            if (await topics.FindAsync(principal, topic.Name, create: false) is not null) return (topic.Name, KafkaErrorCode.TopicAlreadyExists, $"topic '{topic.Name}' already exists");
            if (!validateOnly) await topics.CreateAsync(principal, topic.Name, topic.Partitions > 0 ? topic.Partitions : null, retention, compact);
            return (topic.Name, KafkaErrorCode.None, null);
        }
        catch (FormatException)
        {
            return (topic.Name, KafkaErrorCode.InvalidRequest, "retention.ms must be a whole number of milliseconds");
        }
        catch (Exception error) when (KafkaErrors.Answerable(error))
        {
            var code = error is ArgumentException && TopicName.Validate(topic.Name) is null ? KafkaErrorCode.InvalidPartitions : KafkaErrors.From(error);
            return (topic.Name, code, error.Message);
        }
    }

    private sealed record class TopicToCreate(string Name, int Partitions, short ReplicationFactor, int ManualAssignments, Dictionary<string, string?> Configs);
}
