using AkLight.Records;
using AkLight.Storage.Postgres;

namespace AkLight.Cluster.PostgresTests.Storage;

/// <summary>
/// A database written by the version that kept one row per message (aklight_messages), with sql/ applied again, is moved
/// into batches when a silo starts (<see cref="PostgresLegacyMessages"/>), and reads back the same.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresLegacyLogTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Message_rows_move_into_batches_once_read_back_the_same_and_the_log_goes_on()
    {
        await using var dataSource = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync("legacy"));
        await WriteLegacyRowsAsync(dataSource);
        await using var store = new PostgresStoreParts(dataSource);
        var mover = new PostgresLegacyMessages(dataSource);

        // Two silos starting at once: one moves, the other waits and finds nothing left.
        var moved = await Task.WhenAll(mover.MoveIntoBatchesAsync(CancellationToken.None), new PostgresLegacyMessages(dataSource).MoveIntoBatchesAsync(CancellationToken.None));
        Assert.Equal(4, moved.Sum());
        Assert.Equal(0, await mover.MoveIntoBatchesAsync(CancellationToken.None));

        var batches = await store.Log.ReadAsync(1, 0, 0, 100, 1 << 20);
        Assert.Equal([(0L, 1L), (2L, 2L), (5L, 6L)], batches.Select(b => (b.BaseOffset, b.LastOffset)));
        Assert.All(batches, b => Assert.True(b.HasValidChecksum));
        var read = RecordBatchMessages.Read(batches, new TopicPartition("legacy", 0), 0, long.MaxValue, 100, int.MaxValue);
        Assert.Equal([0L, 1, 2, 5, 6], read.Select(m => m.Offset));
        Assert.Equal([100L, 100, 200, 300, 300], read.Select(m => m.Timestamp.ToUnixTimeMilliseconds()));
        Assert.Equal("web-1", Encoding.UTF8.GetString(read[0].Key!));
        Assert.Null(read[1].Key);
        Assert.Empty(read[1].Payload!);
        Assert.Null(read[2].Payload);
        Assert.Equal(5L, await store.Log.GetOffsetForTimeAsync(1, 0, 250));
        Assert.Equal([7L], (await store.Log.ReadAsync(1, 1, 0, 100, 1 << 20)).Select(b => b.BaseOffset));

        await store.Log.AppendAsync(1, 0, [RecordBatchWriter.Write([new ProduceRecord(null, [9])], 7, 400)]);
        Assert.Equal(new LogBounds(0, 8), (await store.Log.LoadPartitionAsync(1, 0, 10)).Bounds);
        await using var gone = dataSource.CreateCommand("SELECT to_regclass('aklight_messages') IS NULL");
        Assert.True((bool)(await gone.ExecuteScalarAsync())!);
    }

    /// <summary>The table and rows as the version with one row per message wrote them (its DDL, then sql/ applied again).</summary>
    private static async Task WriteLegacyRowsAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand("""
            CREATE TABLE aklight_messages (topic_id bigint NOT NULL, partition integer NOT NULL, "offset" bigint NOT NULL, ts_ms bigint NOT NULL,
                key bytea NULL, payload bytea NULL, headers bytea NULL, CONSTRAINT pk_aklight_messages PRIMARY KEY (topic_id, partition, "offset"));
            INSERT INTO aklight_partitions VALUES (1, 0, 0, 7), (1, 1, 7, 8);
            INSERT INTO aklight_messages VALUES
                (1, 0, 0, 100, 'web-1', '{"value":1}', NULL), (1, 0, 1, 100, NULL, '', NULL), (1, 0, 2, 200, 'web-1', NULL, NULL),
                (1, 0, 5, 300, 'web-2', '\x05', NULL), (1, 0, 6, 300, 'web-3', '\x06', NULL), (1, 1, 7, 300, NULL, '\x07', NULL);
            """);
        await command.ExecuteNonQueryAsync();
    }
}
