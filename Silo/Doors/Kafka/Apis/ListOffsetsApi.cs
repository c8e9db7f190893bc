namespace AkLight.Silo.Doors.Kafka.Apis;

/// <summary>
/// ListOffsets v1-v5 through <see cref="PartitionReader"/>: the log start (timestamp -2), the log end (-1), or the
/// first message at or after a time with that message's timestamp (none past the last message: offset -1).
/// </summary>
public sealed class ListOffsetsApi(PartitionReader reader, IOptions<KafkaOptions> options) : KafkaApi(KafkaApiKey.ListOffsets, 1, 5)
{
    private const long Latest = -1;
    private const long Earliest = -2;

    public override async Task<bool> HandleAsync(KafkaRequest request, KafkaWriter response)
    {
        var version = request.Version;
        var body = request.Body;
        body.Int32(); // replica id
        if (version >= 2) body.Int8(); // isolation level
        var asked = body.Array(t => (Name: t.String(), Partitions: t.Array(p => (Index: p.Int32(), Epoch: version >= 4 ? p.Int32() : -1, Timestamp: p.Int64()))));
        var topics = PartitionLists.Distinct(asked, p => p.Index, options.Value.MaxPartitionsPerRequest, request.Key);
        var principal = request.Connection.RequirePrincipal();
        var found = await Task.WhenAll(topics.Select(t => Task.WhenAll(t.Partitions.Select(p => LookUpAsync(principal, t.Topic, p.Index, p.Timestamp)))));

        response.ThrottleTime(request, since: 2);
        response.Topics(topics.ConvertAll(t => t.Topic), found, (w, partition) =>
        {
            w.Int32(partition.Index);
            w.Int16((short)partition.Error);
            w.Int64(partition.Timestamp);
            w.Int64(partition.Offset);
            if (version >= 4) w.Int32(0); // leader epoch
        });
        return true;
    }

    private async Task<(int Index, KafkaErrorCode Error, long Timestamp, long Offset)> LookUpAsync(Principal principal, string topic, int partition, long timestamp)
    {
        try
        {
            var grain = await reader.OpenAsync(principal, topic, partition);
            if (timestamp is Latest or Earliest)
            {
                var bounds = await grain.GetBoundsAsync();
                return (partition, KafkaErrorCode.None, -1, timestamp == Latest ? bounds.EndOffset : bounds.StartOffset);
            }
            var offset = await grain.GetOffsetForTimeAsync(DateTimeOffset.FromUnixTimeMilliseconds(timestamp));
            var read = await grain.ReadAsync(offset, 1, 1);
            return read.Messages is [var first, ..]
                ? (partition, KafkaErrorCode.None, first.Timestamp.ToUnixTimeMilliseconds(), first.Offset)
                : (partition, KafkaErrorCode.None, -1, -1);
        }
        catch (Exception error) when (KafkaErrors.Answerable(error))
        {
            return (partition, error is ArgumentException ? KafkaErrorCode.UnknownTopicOrPartition : KafkaErrors.From(error), -1, -1);
        }
    }
}
