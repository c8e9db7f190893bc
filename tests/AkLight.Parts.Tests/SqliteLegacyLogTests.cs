using System.Buffers.Binary;
using AkLight.Records;
using AkLight.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace AkLight.Parts.Tests;

/// <summary>A data folder written by the version that kept one row per message opens with its log moved into batches.</summary>
public sealed class SqliteLegacyLogTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("aklight-legacy-").FullName;

    private string PathOfDatabase => Path.Combine(_folder, "aklight.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Messages_rows_become_batches_that_read_back_the_same_and_the_log_goes_on()
    {
        WriteLegacyDatabase();

        await using var database = new SqliteDatabase(PathOfDatabase);
        var log = new SqliteMessageLog(database);

        // Topic 1 partition 0: offsets 0-1 at 100, 2 at 200, a compaction gap, 5-6 at 300.
        var batches = await log.ReadAsync(1, 0, 0, 100, 1 << 20);
        Assert.Equal([(0L, 1L), (2L, 2L), (5L, 6L)], batches.Select(b => (b.BaseOffset, b.LastOffset)));
        Assert.All(batches, b => Assert.True(b.HasValidChecksum));
        var read = RecordBatchMessages.Read(batches, new TopicPartition("legacy", 0), 0, long.MaxValue, 100, int.MaxValue);
        Assert.Equal([0L, 1, 2, 5, 6], read.Select(m => m.Offset));
        Assert.Equal([100L, 100, 200, 300, 300], read.Select(m => m.Timestamp.ToUnixTimeMilliseconds()));
        Assert.Equal("web-1", Encoding.UTF8.GetString(read[0].Key!));
        Assert.Equal([new MessageHeader("unit", "ratio"), new MessageHeader("host", "h1")], read[0].Headers);
        Assert.Null(read[1].Key);
        Assert.Empty(read[1].Payload!);
        Assert.Null(read[2].Payload); // a tombstone stays one
        Assert.Equal(5L, await log.GetOffsetForTimeAsync(1, 0, 250));
        // Another partition moved on its own.
        Assert.Equal([7L], (await log.ReadAsync(1, 1, 0, 100, 1 << 20)).Select(b => b.BaseOffset));

        // The bounds are the folder's own; appends go on at its end, and the old table is gone.
        Assert.Equal(new LogBounds(0, 7), (await log.LoadPartitionAsync(1, 0, 10)).Bounds);
        await log.AppendAsync(1, 0, [RecordBatchWriter.Write([new ProduceRecord(null, [9])], 7, 400)]);
        Assert.Equal(new LogBounds(0, 8), (await log.LoadPartitionAsync(1, 0, 10)).Bounds);
        await using var connection = new SqliteConnection($"Data Source={PathOfDatabase}");
        connection.Open();
        using var tables = connection.CreateCommand();
        tables.CommandText = "SELECT count(*) FROM sqlite_master WHERE name = 'messages'";
        Assert.Equal(0L, tables.ExecuteScalar());
    }

    /// <summary>The tables and rows as the version with one row per message wrote them (headers in its own blob layout).</summary>
    private void WriteLegacyDatabase()
    {
        using var connection = new SqliteConnection($"Data Source={PathOfDatabase}");
        connection.Open();
        using var create = connection.CreateCommand();
        create.CommandText = """
            CREATE TABLE partitions (topic_id INTEGER NOT NULL, partition INTEGER NOT NULL, log_start INTEGER NOT NULL, log_end INTEGER NOT NULL,
                PRIMARY KEY (topic_id, partition)) WITHOUT ROWID;
            CREATE TABLE messages (topic_id INTEGER NOT NULL, partition INTEGER NOT NULL, offset INTEGER NOT NULL, ts_ms INTEGER NOT NULL,
                key BLOB, payload BLOB, headers BLOB, PRIMARY KEY (topic_id, partition, offset)) WITHOUT ROWID;
            INSERT INTO partitions VALUES (1, 0, 0, 7), (1, 1, 7, 8);
            """;
        create.ExecuteNonQuery();
        Insert(connection, 1, 0, 0, 100, "web-1"u8.ToArray(), "{\"value\":1}"u8.ToArray(), LegacyHeaders(("unit", "ratio"), ("host", "h1")));
        Insert(connection, 1, 0, 1, 100, null, [], null);
        Insert(connection, 1, 0, 2, 200, "web-1"u8.ToArray(), null, null);
        Insert(connection, 1, 0, 5, 300, "web-2"u8.ToArray(), [5], null);
        Insert(connection, 1, 0, 6, 300, "web-3"u8.ToArray(), [6], null);
        Insert(connection, 1, 1, 7, 300, null, [7], null);
    }

    private static void Insert(SqliteConnection connection, long topic, int partition, long offset, long ts, byte[]? key, byte[]? payload, byte[]? headers)
    {
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO messages VALUES ($t, $p, $o, $ts, $k, $v, $h)";
        insert.Parameters.AddWithValue("$t", topic);
        insert.Parameters.AddWithValue("$p", partition);
        insert.Parameters.AddWithValue("$o", offset);
        insert.Parameters.AddWithValue("$ts", ts);
        insert.Parameters.Add("$k", SqliteType.Blob).Value = (object?)key ?? DBNull.Value;
        insert.Parameters.Add("$v", SqliteType.Blob).Value = (object?)payload ?? DBNull.Value;
        insert.Parameters.Add("$h", SqliteType.Blob).Value = (object?)headers ?? DBNull.Value;
        insert.ExecuteNonQuery();
    }

    /// <summary>The old header blob: a little-endian count, then int32-length-prefixed UTF-8 names and values.</summary>
    private static byte[] LegacyHeaders(params (string Name, string Value)[] headers)
    {
        var stream = new MemoryStream();
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(number, headers.Length);
        stream.Write(number);
        foreach (var text in headers.SelectMany(h => new[] { h.Name, h.Value }))
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            BinaryPrimitives.WriteInt32LittleEndian(number, bytes.Length);
            stream.Write(number);
            stream.Write(bytes);
        }
        return stream.ToArray();
    }
}
