using Npgsql;
using NpgsqlTypes;

namespace AkLight.Bench.Ceiling;

/// <summary>
/// The raw ceiling of the cluster's store for one row per message: rows of a message (topic, partition, offset, time,
/// key, 200-byte payload) into a table shaped as the broker kept its log before record batches (keyed by partition and
/// offset, no other index), sent with binary COPY in large batches, one committed transaction per batch, by one or more
/// writers on connections of their own. No broker involved: what PostgreSQL takes at most as a row per message, the
/// figure the broker's messages per second are set against now that it writes a row per batch.
/// </summary>
internal static class CopyCeiling
{
    private const string Table = """
        CREATE TABLE IF NOT EXISTS bench_message_rows (topic_id bigint NOT NULL, partition integer NOT NULL, "offset" bigint NOT NULL,
            ts_ms bigint NOT NULL, key bytea NULL, payload bytea NULL, headers bytea NULL, PRIMARY KEY (topic_id, partition, "offset"))
        """;

    private const string Copy = """COPY bench_message_rows (topic_id, partition, "offset", ts_ms, key, payload, headers) FROM STDIN (FORMAT BINARY)""";

    public static async Task<CopyResult> RunAsync(string connectionString, MetricTopics topics, int writers, TimeSpan duration,
        int batchRows, int postgresPid, long topicIdBase, CancellationToken cancellationToken)
    {
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var create = new NpgsqlCommand(Table, connection);
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        var cpu = CpuProbe.Start([postgresPid]);
        var start = Stopwatch.GetTimestamp();
        var counts = await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(() =>
            Write(connectionString, topics.ForProducer(w, writers), duration, batchRows, topicIdBase, cancellationToken), CancellationToken.None)))
            .ConfigureAwait(false);
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var (postgresCores, benchCores) = cpu.Stop();
        return new CopyResult(writers, batchRows, counts.Sum(c => c.Rows), counts.Sum(c => c.Batches), seconds, postgresCores, benchCores);
    }

    private static (long Rows, long Batches) Write(string connectionString, IReadOnlyList<MetricTopic> topics, TimeSpan duration,
        int batchRows, long topicIdBase, CancellationToken cancellationToken)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        var offsets = new long[topics.Count];
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        long rows = 0, batches = 0, next = 0;
        while (Stopwatch.GetTimestamp() < deadline && !cancellationToken.IsCancellationRequested && batches < 1_000_000)
        {
            using var transaction = connection.BeginTransaction();
            using (var importer = connection.BeginBinaryImport(Copy))
            {
                var nowMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                for (var i = 0; i < batchRows; i++, next++)
                {
                    var t = (int)(next % topics.Count);
                    var topic = topics[t];
                    importer.StartRow();
                    importer.Write(topicIdBase + topic.ContainerIndex * 4L + t % 4, NpgsqlDbType.Bigint);
                    importer.Write(0, NpgsqlDbType.Integer);
                    importer.Write(offsets[t]++, NpgsqlDbType.Bigint);
                    importer.Write(nowMs, NpgsqlDbType.Bigint);
                    importer.Write(topic.Key, NpgsqlDbType.Bytea);
                    importer.Write(MetricPayload.Write(topic.Payload, 0, next, Stopwatch.GetTimestamp()), NpgsqlDbType.Bytea);
                    importer.WriteNull();
                }
                importer.Complete();
            }
            transaction.Commit();
            rows += batchRows;
            batches++;
        }
        return (rows, batches);
    }
}

/// <summary>What the COPY ceiling measured.</summary>
internal sealed record CopyResult(int Writers, int BatchRows, long Rows, long Batches, double Seconds, double PostgresCores, double BenchCores)
{
    public double RowsPerSecond => Seconds > 0 ? Rows / Seconds : 0;
}
