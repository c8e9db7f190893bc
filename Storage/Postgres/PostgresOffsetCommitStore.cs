using Npgsql;

namespace AkLight.Storage.Postgres;

/// <summary>
/// Committed offsets in PostgreSQL (<c>aklight_offset_commits</c>, sql/08-PostgreSQL-OffsetCommits.sql). Owners and
/// topics may be longer than a B-tree entry, so rows are found by the digests of both (<c>aklight_name_digest</c>),
/// then compared whole, as topics are.
/// </summary>
public sealed class PostgresOffsetCommitStore(NpgsqlDataSource dataSource, PostgresFailures failures) : IOffsetCommitStore
{
    private const string OfOwner = "aklight_name_digest(owner) = aklight_name_digest($1) AND owner = $1";

    // One statement, so one transaction and one round trip however many partitions change: the partitions as
    // arrays, written and deleted together. The caller names a partition at most once, which ON CONFLICT needs.
    private const string Save = """
        WITH removed AS (
                 DELETE FROM aklight_offset_commits c
                 USING unnest($5::text[], $6::integer[]) AS r(topic, partition)
                 WHERE aklight_name_digest(c.owner) = aklight_name_digest($1) AND c.owner = $1
                   AND aklight_name_digest(c.topic) = aklight_name_digest(r.topic) AND c.topic = r.topic
                   AND c.partition = r.partition
                 RETURNING 1),
             written AS (
                 INSERT INTO aklight_offset_commits (owner, topic, partition, committed_offset)
                 SELECT $1, w.topic, w.partition, w.committed_offset
                 FROM unnest($2::text[], $3::integer[], $4::bigint[]) AS w(topic, partition, committed_offset)
                 ON CONFLICT (aklight_name_digest(owner), aklight_name_digest(topic), partition)
                 DO UPDATE SET committed_offset = excluded.committed_offset
                 RETURNING 1)
        SELECT (SELECT count(*) FROM removed) + (SELECT count(*) FROM written)
        """;

    public Task<IReadOnlyList<TopicPartitionOffset>> LoadAsync(string owner, CancellationToken cancellationToken = default) =>
        failures.RunAsync<IReadOnlyList<TopicPartitionOffset>>("read committed offsets", async ct =>
        {
            await using var select = dataSource.CreateCommand($"SELECT topic, partition, committed_offset FROM aklight_offset_commits WHERE {OfOwner}");
            select.Parameters.Add(new NpgsqlParameter<string> { TypedValue = owner });
            await using var reader = await select.ExecuteReaderAsync(ct).ConfigureAwait(false);
            var commits = new List<TopicPartitionOffset>();
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
                commits.Add(new TopicPartitionOffset(reader.GetString(0), reader.GetInt32(1), reader.GetInt64(2)));
            return commits;
        }, cancellationToken);

    public Task<int> SaveAsync(string owner, IReadOnlyCollection<TopicPartitionOffset> commits, IReadOnlyCollection<TopicPartition> removed,
        CancellationToken cancellationToken = default)
    {
        if (commits.Count == 0 && removed.Count == 0) return Task.FromResult(0);
        return failures.RunAsync("commit offsets", async ct =>
        {
            await using var save = dataSource.CreateCommand(Save);
            save.Parameters.Add(new NpgsqlParameter<string> { TypedValue = owner });
            save.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = commits.Select(c => c.Topic).ToArray() });
            save.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = commits.Select(c => c.Partition).ToArray() });
            save.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = commits.Select(c => c.Offset).ToArray() });
            save.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = removed.Select(p => p.Topic).ToArray() });
            save.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = removed.Select(p => p.Partition).ToArray() });
            return (int)(long)(await save.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
        }, cancellationToken);
    }

    public Task DeleteAsync(string owner, CancellationToken cancellationToken = default) =>
        failures.RunAsync("delete committed offsets", async ct =>
        {
            await using var delete = dataSource.CreateCommand($"DELETE FROM aklight_offset_commits WHERE {OfOwner}");
            delete.Parameters.Add(new NpgsqlParameter<string> { TypedValue = owner });
            return await delete.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken);
}
