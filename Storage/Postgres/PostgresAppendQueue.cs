using System.Threading.Channels;
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
    private const int MaxRecordsPerCommit = 20_000;
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
    public Task AppendAsync(long topicId, int partition, IReadOnlyList<LogRecord> records, IReadOnlyList<ProducerState> producers)
    {
        var append = new Append(topicId, partition, records, producers);
        return _appends.Writer.TryWrite(append)
            ? append.Committed.Task
            : Task.FromException(new StoreUnavailableException("the PostgreSQL message log is shut down"));
    }

    private async Task WriteLoopAsync()
    {
        var group = new List<Append>();
        while (await _appends.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            var records = 0;
            while (group.Count < MaxAppendsPerCommit && records < MaxRecordsPerCommit && _appends.Reader.TryRead(out var append))
            {
                group.Add(append);
                records += append.Records.Count;
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

        var firsts = group.Where(a => a.Records[0].Offset == 0).ToList();
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
            if (append.Records[0].Offset == end)
            {
                accepted.Add(append);
                ends[(append.TopicId, append.Partition)] = append.Records[^1].Offset + 1; // a second append in this group continues from here
            }
            else append.Committed.TrySetException(new StoreUnavailableException(
                $"append to topic {append.TopicId} partition {append.Partition} at offset {append.Records[0].Offset} refused: the stored log ends at {end}"));
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

    /// <summary>Every record of the group in one statement: each column travels as one array parameter.</summary>
    private static NpgsqlBatchCommand InsertCommand(List<Append> appends)
    {
        var count = appends.Sum(a => a.Records.Count);
        var topics = new long[count];
        var partitions = new int[count];
        var offsets = new long[count];
        var timestamps = new long[count];
        var keys = new byte[]?[count];
        var payloads = new byte[]?[count];
        var headers = new byte[]?[count];
        var i = 0;
        foreach (var append in appends)
        {
            foreach (var record in append.Records)
            {
                topics[i] = append.TopicId;
                partitions[i] = append.Partition;
                offsets[i] = record.Offset;
                timestamps[i] = record.TimestampMs;
                keys[i] = record.Key;
                payloads[i] = record.Payload;
                headers[i] = record.Headers;
                i++;
            }
        }
        var command = new NpgsqlBatchCommand(PostgresLogSql.InsertMessages);
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = topics });
        command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = partitions });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = offsets });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = timestamps });
        command.Parameters.Add(new NpgsqlParameter<byte[]?[]> { TypedValue = keys, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
        command.Parameters.Add(new NpgsqlParameter<byte[]?[]> { TypedValue = payloads, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
        command.Parameters.Add(new NpgsqlParameter<byte[]?[]> { TypedValue = headers, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
        return command;
    }

    private static NpgsqlBatchCommand MoveEndsCommand(List<Append> appends)
    {
        var command = new NpgsqlBatchCommand(PostgresLogSql.MoveEnds);
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = appends.Select(a => a.TopicId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = appends.Select(a => a.Partition).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = appends.Select(a => a.Records[^1].Offset + 1).ToArray() });
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

    private sealed class Append(long topicId, int partition, IReadOnlyList<LogRecord> records, IReadOnlyList<ProducerState> producers)
    {
        public long TopicId { get; } = topicId;
        public int Partition { get; } = partition;
        public IReadOnlyList<LogRecord> Records { get; } = records;
        public IReadOnlyList<ProducerState> Producers { get; } = producers;
        public TaskCompletionSource Committed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
