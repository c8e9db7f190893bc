using System.Threading.Channels;
using AkLight.Records;
using Npgsql;
using NpgsqlTypes;

namespace AkLight.Storage.Postgres;

/// <summary>
/// Group commit across partitions. Each partition grain has at most one append in flight, so with thousands
/// of partitions the store sees thousands of small appends; one transaction (and one WAL flush) each would
/// make the commit, not the rows, the cost. Appends queued while a transaction is in flight go into the next
/// one together: one lock statement, one INSERT and one UPDATE for all of them.
/// An append whose partition does not end where it starts is refused alone; the others commit.
/// </summary>
public sealed class PostgresAppendQueue : IAsyncDisposable
{
    // Bounds one transaction: a few MB of rows, short enough that the next group is not starved.
    private const int MaxAppendsPerCommit = 2_000;
    private const int MaxBatchesPerCommit = 20_000;
    private const int MaxBytesPerCommit = 16 << 20;
    // Two transactions in flight: one is flushing its WAL while the next sends its rows.
    private const int Writers = 2;

    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresFailures _failures;
    private readonly Channel<Append> _appends = Channel.CreateUnbounded<Append>();
    private readonly Task[] _writers;

    public PostgresAppendQueue(NpgsqlDataSource dataSource, PostgresFailures failures)
    {
        _dataSource = dataSource;
        _failures = failures;
        _writers = Enumerable.Range(0, Writers).Select(_ => Task.Run(WriteLoopAsync)).ToArray();
    }

    /// <summary>Appends in the next group's transaction; completes once that transaction has committed.</summary>
    public Task AppendAsync(long topicId, int partition, IReadOnlyList<RecordBatch> batches, IReadOnlyList<ProducerState> producers)
    {
        var append = new Append(topicId, partition, batches, AppendedBatches.EndAfter(batches), producers);
        return _appends.Writer.TryWrite(append)
            ? append.Committed.Task
            : Task.FromException(new StoreUnavailableException("the PostgreSQL message log is shut down"));
    }

    private async Task WriteLoopAsync()
    {
        var group = new List<Append>();
        while (await _appends.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            var (batches, bytes) = (0, 0L);
            while (group.Count < MaxAppendsPerCommit && batches < MaxBatchesPerCommit && bytes < MaxBytesPerCommit && _appends.Reader.TryRead(out var append))
            {
                group.Add(append);
                batches += append.Batches.Count;
                bytes += append.Bytes;
            }
            if (group.Count == 0) continue;
            try
            {
                await _failures.RunAsync("append", ct => CommitAsync(group, ct), CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception error)
            {
                // Nothing of this group is durable: none of it is acknowledged.
                foreach (var append in group) append.Committed.TrySetException(error);
            }
            group.Clear();
        }
    }

    private async Task<bool> CommitAsync(List<Append> group, CancellationToken ct)
    {
        group.Sort(static (a, b) => a.TopicId != b.TopicId ? a.TopicId.CompareTo(b.TopicId) : a.Partition.CompareTo(b.Partition));
        await using var connection = await _dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);

        var firsts = group.Where(a => a.Start == 0).ToList();
        if (firsts.Count > 0)
        {
            // A partition's first append creates its row (0, 0); a concurrent creator makes this wait, then do nothing.
            await using var insert = new NpgsqlCommand(PostgresLogSql.InsertMissingPartitions, connection, transaction);
            insert.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = firsts.Select(a => a.TopicId).ToArray() });
            insert.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = firsts.Select(a => a.Partition).ToArray() });
            await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        var ends = await LockEndsAsync(connection, transaction, group, ct).ConfigureAwait(false);
        var accepted = new List<Append>(group.Count);
        foreach (var append in group)
        {
            var end = ends.GetValueOrDefault((append.TopicId, append.Partition), 0);
            // The grain assigns offsets; a mismatch means another writer got there first. Refuse rather than fork the log.
            if (append.Start == end)
            {
                accepted.Add(append);
                ends[(append.TopicId, append.Partition)] = append.End; // a second append in this group continues from here
            }
            else append.Committed.TrySetException(AppendedBatches.Refused(append.TopicId, append.Partition, append.Start, append.End, end));
        }
        if (accepted.Count == 0) return true;

        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(InsertCommand(accepted));
        batch.BatchCommands.Add(MoveEndsCommand(accepted));
        if (accepted.Any(a => a.Producers.Count > 0)) batch.BatchCommands.Add(ProducersCommand(accepted));
        await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        // Acknowledged only after this returns: the batches are durable once the commit is.
        await transaction.CommitAsync(ct).ConfigureAwait(false);
        foreach (var append in accepted) append.Committed.TrySetResult();
        return true;
    }

    private static async Task<Dictionary<(long, int), long>> LockEndsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, List<Append> group, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(PostgresLogSql.LockPartitions, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = group.Select(a => a.TopicId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = group.Select(a => a.Partition).ToArray() });
        var ends = new Dictionary<(long, int), long>(group.Count);
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
            ends[(reader.GetInt64(0), reader.GetInt32(1))] = reader.GetInt64(2);
        return ends;
    }

    /// <summary>Every batch of the group in one statement: each column travels as one array parameter.</summary>
    private static NpgsqlBatchCommand InsertCommand(List<Append> appends)
    {
        var count = appends.Sum(a => a.Batches.Count);
        var topics = new long[count];
        var partitions = new int[count];
        var lasts = new long[count];
        var bases = new long[count];
        var counts = new int[count];
        var timestamps = new long[count];
        var data = new byte[count][];
        var i = 0;
        foreach (var append in appends)
        {
            foreach (var batch in append.Batches)
            {
                topics[i] = append.TopicId;
                partitions[i] = append.Partition;
                lasts[i] = batch.LastOffset;
                bases[i] = batch.BaseOffset;
                counts[i] = batch.RecordCount;
                timestamps[i] = batch.TimestampMs;
                data[i] = batch.Bytes;
                i++;
            }
        }
        var command = new NpgsqlBatchCommand(PostgresLogSql.InsertBatches);
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = topics });
        command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = partitions });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = lasts });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = bases });
        command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = counts });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = timestamps });
        command.Parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = data, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
        return command;
    }

    private static NpgsqlBatchCommand MoveEndsCommand(List<Append> appends)
    {
        var command = new NpgsqlBatchCommand(PostgresLogSql.MoveEnds);
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = appends.Select(a => a.TopicId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = appends.Select(a => a.Partition).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = appends.Select(a => a.End).ToArray() });
        return command;
    }

    /// <summary>One row per producer and partition: the last batch of the group wins (an upsert may touch a row once).</summary>
    private static NpgsqlBatchCommand ProducersCommand(List<Append> appends)
    {
        var rows = new Dictionary<(long, int, Guid), ProducerState>();
        foreach (var append in appends)
            foreach (var producer in append.Producers)
                rows[(append.TopicId, append.Partition, producer.ProducerId)] = producer;
        var command = new NpgsqlBatchCommand(PostgresLogSql.RecordProducers);
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = rows.Keys.Select(k => k.Item1).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = rows.Keys.Select(k => k.Item2).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = rows.Keys.Select(k => k.Item3).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = rows.Values.Select(p => p.Sequence).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = rows.Values.Select(p => p.BaseOffset).ToArray() });
        return command;
    }

    public async ValueTask DisposeAsync()
    {
        _appends.Writer.TryComplete();
        await Task.WhenAll(_writers).ConfigureAwait(false);
    }

    private sealed class Append(long topicId, int partition, IReadOnlyList<RecordBatch> batches, long end, IReadOnlyList<ProducerState> producers)
    {
        public long TopicId { get; } = topicId;
        public int Partition { get; } = partition;
        public IReadOnlyList<RecordBatch> Batches { get; } = batches;
        public long Start => Batches[0].BaseOffset;
        public long End { get; } = end;
        public long Bytes { get; } = batches.Sum(b => (long)b.SizeInBytes);
        public IReadOnlyList<ProducerState> Producers { get; } = producers;
        public TaskCompletionSource Committed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
