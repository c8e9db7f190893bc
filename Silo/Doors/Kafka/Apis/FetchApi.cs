using System.Diagnostics;
using AkLight.Grains.Kafka;
using AkLight.Records;

namespace AkLight.Silo.Doors.Kafka.Apis;

/// <summary>
/// Fetch v4-v11 through <see cref="PartitionReader"/>: each partition from the asked offset, up to its byte limit
/// and the request's, as the record batches the partition keeps, sent on as they are stored (the first may start before
/// the offset asked; clients skip what they did not ask for, as with Kafka's own logs). Until <c>min_bytes</c> are there the request waits, up to
/// <c>max_wait_ms</c> (capped at <c>AkLight:Service:MaxFetchWait</c>), woken when data arrives in any of its
/// partitions (<see cref="KafkaFetchWatch"/>). No fetch
/// sessions: every fetch names its partitions (session id 0 tells the client so). A partition named twice is
/// answered once (the last entry), and the response holds at most <c>max_bytes</c>, and never more than
/// <c>AkLight:Kafka:MaxFetchResponseBytes</c>, but for the first batch of the first partition with data (KIP-74).
/// </summary>
public sealed class FetchApi(PartitionReader reader, ConsumerSessions sessions, KafkaFetchWatch watch, TimeProvider time, IOptions<KafkaOptions> options)
    : KafkaApi(KafkaApiKey.Fetch, 4, 11)
{
    /// <summary>How often a waiting fetch reads again without a wake-up (a watch lost with its partition's activation).</summary>
    private static readonly TimeSpan Fallback = TimeSpan.FromSeconds(1);

    public override async Task<bool> HandleAsync(KafkaRequest request, KafkaWriter response)
    {
        var version = request.Version;
        var body = request.Body;
        body.Int32(); // replica id
        var maxWait = TimeSpan.FromMilliseconds(Math.Max(0, body.Int32()));
        var minBytes = body.Int32();
        var maxBytes = body.Int32();
        body.Int8(); // isolation level: everything stored is committed
        if (version >= 7)
        {
            body.Int32(); // session id
            body.Int32(); // session epoch
        }
        var asked = body.Array(t => (Topic: t.String(), Partitions: t.Array(p => new PartitionFetch(
            p.Int32(), version >= 9 ? p.Int32() : -1, p.Int64(), version >= 5 ? p.Int64() : -1, p.Int32()))));
        var settings = options.Value;
        var wanted = PartitionLists.Distinct(asked, p => p.Index, settings.MaxPartitionsPerRequest, request.Key);
        // No partition reads more than the whole response may hold, so the reads too stay within the budget.
        var budget = Math.Clamp(maxBytes, 1, settings.MaxFetchResponseBytes);
        var principal = request.Connection.RequirePrincipal();
        if (maxWait > sessions.MaxFetchWait) maxWait = sessions.MaxFetchWait;

        var clock = Stopwatch.StartNew();
        FetchedPartition[][] fetched;
        PartitionWait? wait = null;
        try
        {
            // Armed before the first read, so data landing during or after it wakes the wait: one read of every partition
            // covers a fetch that then waits, where arming after it had to read them all twice.
            var watched = Watched(wanted);
            wait = await watch.ArmAsync(watched.Keys);
            fetched = await ReadAllAsync(principal, wanted, budget);
            while (true)
            {
                var bytes = fetched.Sum(t => t.Sum(p => p.Bytes));
                var left = maxWait - clock.Elapsed;
                if (bytes >= minBytes || bytes > 0 && minBytes <= 1 || left <= TimeSpan.Zero || fetched.Any(t => t.Any(p => p.Error != KafkaErrorCode.None))) break;
                if (!await wait.WaitAsync(left < Fallback ? left : Fallback, time))
                {
                    // No wake-up (a watch may have been lost with its partition's activation): read everything again.
                    fetched = await ReadAllAsync(principal, wanted, budget);
                    continue;
                }
                var pulsed = wait.Pulsed;
                wait.Dispose();
                wait = await watch.ArmAsync(watched.Keys);
                // The partition that woke the wait is read alone: a consumer of thousands of quiet partitions pays for the
                // one that has data. Data that reached others before the wait was armed again is read when that read finds
                // nothing (a wake-up that raced its read), and otherwise by the client's next fetch, which reads them all.
                if (!await ReadPulsedAsync(principal, wanted, watched, fetched, pulsed, budget)) fetched = await ReadAllAsync(principal, wanted, budget);
            }
        }
        finally
        {
            wait?.Dispose();
        }

        response.Int32(0); // throttle time
        if (version >= 7)
        {
            response.Int16((short)KafkaErrorCode.None);
            response.Int32(0); // no fetch session
        }
        var room = (long)budget;
        var sentAny = false;
        response.Topics(wanted.ConvertAll(t => t.Topic), fetched, (w, partition) =>
        {
            w.Int32(partition.Index);
            w.Int16((short)partition.Error);
            w.Int64(partition.Bounds.EndOffset); // high watermark
            w.Int64(partition.Bounds.EndOffset); // last stable offset
            if (version >= 5) w.Int64(partition.Bounds.StartOffset);
            w.Int32(-1); // aborted transactions: none
            if (version >= 11) w.Int32(-1); // preferred read replica: this one
            // The first partition with data always gets it, as in Kafka, so one large message cannot stall a consumer.
            var send = partition.Batches.Count > 0 && (!sentAny || partition.Bytes <= room);
            var sizeAt = w.ReserveInt32();
            if (send)
                foreach (var batch in partition.Batches) w.Raw(batch.Bytes);
            w.PatchInt32(sizeAt, w.Length - sizeAt - 4);
            if (!send) return;
            room -= partition.Bytes;
            sentAny = true;
        });
        return true;
    }

    private Task<FetchedPartition[][]> ReadAllAsync(Principal principal, List<(string Topic, List<PartitionFetch> Partitions)> wanted, int budget) =>
        Task.WhenAll(wanted.Select(t => Task.WhenAll(t.Partitions.Select(p => ReadAsync(principal, t.Topic, p, budget)))));

    /// <summary>Reads <paramref name="pulsed"/> again into its place in <paramref name="fetched"/>; false when it gave nothing (or is not in the request).</summary>
    private async Task<bool> ReadPulsedAsync(Principal principal, List<(string Topic, List<PartitionFetch> Partitions)> wanted,
        Dictionary<TopicPartition, (int Topic, int Index)> watched, FetchedPartition[][] fetched, TopicPartition? pulsed, int budget)
    {
        if (pulsed is not { } partition || !watched.TryGetValue(partition, out var at)) return false;
        var (topic, fetch) = (wanted[at.Topic].Topic, wanted[at.Topic].Partitions[at.Index]);
        var read = await ReadAsync(principal, topic, fetch, budget);
        fetched[at.Topic][at.Index] = read;
        return read.Bytes > 0 || read.Error != KafkaErrorCode.None;
    }

    private async Task<FetchedPartition> ReadAsync(Principal principal, string topic, PartitionFetch fetch, int budget)
    {
        try
        {
            var grain = await reader.OpenAsync(principal, topic, fetch.Index);
            var read = await grain.ReadBatchesAsync(fetch.Offset, int.MaxValue, Math.Clamp(fetch.MaxBytes, 1, budget));
            return new FetchedPartition(fetch.Index, KafkaErrorCode.None, read.Bounds, read.Batches, read.Batches.Sum(b => (long)b.SizeInBytes));
        }
        catch (OffsetOutOfRangeException error)
        {
            return new FetchedPartition(fetch.Index, KafkaErrorCode.OffsetOutOfRange, error.Bounds, [], 0);
        }
        catch (Exception error) when (KafkaErrors.Answerable(error))
        {
            var code = error is ArgumentException ? KafkaErrorCode.UnknownTopicOrPartition : KafkaErrors.From(error);
            return new FetchedPartition(fetch.Index, code, new LogBounds(-1, -1), [], 0);
        }
    }

    /// <summary>
    /// The partitions to watch (those of valid topic names: the read answers the others with an error), each with its
    /// place in the request and so in the reads' results; made once per request.
    /// </summary>
    private static Dictionary<TopicPartition, (int Topic, int Index)> Watched(List<(string Topic, List<PartitionFetch> Partitions)> wanted)
    {
        var watched = new Dictionary<TopicPartition, (int, int)>();
        for (var t = 0; t < wanted.Count; t++)
        {
            if (!TopicName.TryParse(wanted[t].Topic, out var name, out _)) continue;
            for (var i = 0; i < wanted[t].Partitions.Count; i++) watched.TryAdd(new TopicPartition(name.Value, wanted[t].Partitions[i].Index), (t, i));
        }
        return watched;
    }

    private sealed record class PartitionFetch(int Index, int LeaderEpoch, long Offset, long LogStartOffset, int MaxBytes);

    private sealed record class FetchedPartition(int Index, KafkaErrorCode Error, LogBounds Bounds, IReadOnlyList<RecordBatch> Batches, long Bytes);
}
