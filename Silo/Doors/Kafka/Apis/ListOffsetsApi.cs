using AkLight.Grains.Security;
using AkLight.Silo.Broker;
using AkLight.Silo.Doors.Kafka.Protocol;

namespace AkLight.Silo.Doors.Kafka.Apis;

/// <summary>
/// ListOffsets v1-v5 through <see cref="PartitionReader"/>: the log start (timestamp -2), the log end (-1), or the
/// first message at or after a time with that message's timestamp (none past the last message: offset -1).
/// </summary>
public sealed class ListOffsetsApi(PartitionReader reader) : IKafkaApi
{
    private const long Latest = -1;
    private const long Earliest = -2;

    public KafkaApiKey Key => KafkaApiKey.ListOffsets;

    public short MinVersion => 1;

    public short MaxVersion => 5;

    public async Task<bool> HandleAsync(KafkaRequest request, KafkaWriter response)
    {
        var version = request.Version;
        var body = request.Body;
        body.Int32(); // replica id
        if (version >= 2) body.Int8(); // isolation level
        var topics = body.Array(t => (Name: t.String(), Partitions: t.Array(p => (Index: p.Int32(), Epoch: version >= 4 ? p.Int32() : -1, Timestamp: p.Int64()))));
        var principal = request.Connection.RequirePrincipal();
        var found = await Task.WhenAll(topics.Select(t => Task.WhenAll(t.Partitions.Select(p => LookUpAsync(principal, t.Name, p.Index, p.Timestamp)))));

        if (version >= 2) response.Int32(0); // throttle time
        response.Int32(topics.Count);
        for (var t = 0; t < topics.Count; t++)
        {
            response.String(topics[t].Name);
            response.Int32(topics[t].Partitions.Count);
            for (var p = 0; p < topics[t].Partitions.Count; p++)
            {
                var (error, timestamp, offset) = found[t][p];
                response.Int32(topics[t].Partitions[p].Index);
                response.Int16((short)error);
                response.Int64(timestamp);
                response.Int64(offset);
                if (version >= 4) response.Int32(0); // leader epoch
            }
        }
        return true;
    }

    private async Task<(KafkaErrorCode Error, long Timestamp, long Offset)> LookUpAsync(Principal principal, string topic, int partition, long timestamp)
    {
        try
        {
            var grain = await reader.OpenAsync(principal, topic, partition);
            if (timestamp is Latest or Earliest)
            {
                var bounds = await grain.GetBoundsAsync();
                return (KafkaErrorCode.None, -1, timestamp == Latest ? bounds.EndOffset : bounds.StartOffset);
            }
            var offset = await grain.GetOffsetForTimeAsync(DateTimeOffset.FromUnixTimeMilliseconds(timestamp));
            var read = await grain.ReadAsync(offset, 1, 1);
            return read.Messages is [var first, ..]
                ? (KafkaErrorCode.None, first.Timestamp.ToUnixTimeMilliseconds(), first.Offset)
                : (KafkaErrorCode.None, -1, -1);
        }
        catch (Exception error) when (error is AkLightException or ArgumentException)
        {
            return (error is ArgumentException ? KafkaErrorCode.UnknownTopicOrPartition : KafkaErrors.From(error), -1, -1);
        }
    }
}
