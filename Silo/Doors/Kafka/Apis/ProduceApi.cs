using AkLight.Silo.Doors.Kafka.Records;

namespace AkLight.Silo.Doors.Kafka.Apis;

/// <summary>
/// Produce v3-v7 (record batches v2): each partition's batches are appended as the client wrote them (gzip ones
/// inflated first: <see cref="RecordBatchDecoder"/>) to the partition the client chose, through <see cref="Publisher"/>. Every ack level waits for durability, AKLight's only kind of
/// write; acks=0 just sends no answer. An idempotent producer's id and epoch become AKLight's producer id and its
/// base sequence the batch's sequence, so a retried batch is stored once. Each topic is authorised before its
/// records are decoded: a principal that may not produce there makes the broker decompress nothing. Order is kept per
/// partition (<see cref="PartitionAppendOrder"/>): the partitions of one request, and requests that follow it for other
/// partitions, are appended at once; the connection still answers in request order.
/// </summary>
public sealed class ProduceApi(Publisher publisher, IOptions<KafkaOptions> options) : KafkaApi(KafkaApiKey.Produce, 3, 7)
{
    public override async Task<bool> HandleAsync(KafkaRequest request, KafkaWriter response)
    {
        var body = request.Body;
        body.NullableString(); // transactional id: transactional batches are refused below
        var acks = body.Int16();
        body.Int32(); // timeout: AKLight's produce timeout applies
        var topics = body.Array(r => (Name: r.String(), Partitions: r.Array(p => (Index: p.Int32(), Records: p.NullableBytes()))));
        var principal = request.Connection.RequirePrincipal();
        // One budget for the whole request: many partitions of compressed records inflate no further than one would.
        var inflation = new InflationBudget(options.Value.MaxRequestBytes);
        var results = await Task.WhenAll(topics.Select(t => Task.WhenAll(t.Partitions.Select(p =>
            acks is -1 or 0 or 1
                ? request.Connection.Appends.Enqueue(t.Name, p.Index, () => AppendAsync(principal, t.Name, p.Index, p.Records, inflation))
                : Task.FromResult(new PartitionResult(p.Index, KafkaErrorCode.InvalidRequiredAcks, -1))))));
        if (acks == 0) return false;

        var version = request.Version;
        response.Topics(topics.ConvertAll(t => t.Name), results, (w, result) =>
        {
            w.Int32(result.Index);
            w.Int16((short)result.Error);
            w.Int64(result.BaseOffset);
            w.Int64(-1); // log append time: the client keeps its own time for the delivery report
            if (version >= 5) w.Int64(-1); // log start offset: not known here
        });
        response.Int32(0); // throttle time
        return true;
    }

    private async Task<PartitionResult> AppendAsync(Principal principal, string topic, int partition, ReadOnlyMemory<byte>? records, InflationBudget inflation)
    {
        try
        {
            if (!TopicName.TryParse(topic, out _, out _)) return new PartitionResult(partition, KafkaErrorCode.InvalidTopic, -1);
            Publisher.AuthorizeProduce(principal, topic);
            long? baseOffset = null;
            foreach (var batch in RecordBatchDecoder.Decode(records ?? ReadOnlyMemory<byte>.Empty, inflation))
            {
                var appended = await publisher.AppendAsync(principal, topic, partition,
                    new ProduceBatch(batch.Batch, KafkaProducerIds.ToAkLight(batch.ProducerId, batch.ProducerEpoch), batch.BaseSequence));
                baseOffset ??= appended;
            }
            return new PartitionResult(partition, KafkaErrorCode.None, baseOffset ?? -1);
        }
        catch (Exception error)
        {
            return new PartitionResult(partition, KafkaErrors.From(error), -1);
        }
    }

    private readonly record struct PartitionResult(int Index, KafkaErrorCode Error, long BaseOffset);
}
