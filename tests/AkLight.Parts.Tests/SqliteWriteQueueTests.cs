using AkLight.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace AkLight.Parts.Tests;

/// <summary>The embedded store's single writer recovers from a connection it can no longer use, without a restart.</summary>
public sealed class SqliteWriteQueueTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);
    private readonly string _folder = Directory.CreateTempSubdirectory("aklight-writer-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task A_writer_whose_connection_broke_opens_a_new_one_for_the_next_write()
    {
        var path = Path.Combine(_folder, "store.db");
        var opened = new List<SqliteConnection>();
        await using var queue = new SqliteWriteQueue(() => Open(path, opened), path);
        await queue.WriteAsync(Insert(1)).WaitAsync(Bound);

        // The writer's handle goes bad under it, as after an I/O error on its file.
        opened[0].Close();
        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => queue.WriteAsync(Insert(2)).WaitAsync(Bound));
        Assert.Contains(path, error.Message);

        await queue.WriteAsync(Insert(3)).WaitAsync(Bound);
        Assert.Equal(2, opened.Count);
        Assert.Equal([1L, 3L], Rows(path));
    }

    [Fact]
    public async Task A_writer_that_cannot_open_its_file_fails_that_write_and_opens_it_for_the_next()
    {
        var folder = Path.Combine(_folder, "not-yet");
        var path = Path.Combine(folder, "store.db");
        var opened = new List<SqliteConnection>();
        await using var queue = new SqliteWriteQueue(() => Open(path, opened), path);

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => queue.WriteAsync(Insert(1)).WaitAsync(Bound));
        Assert.Contains(path, error.Message);

        Directory.CreateDirectory(folder);
        await queue.WriteAsync(Insert(2)).WaitAsync(Bound);
        Assert.Equal([2L], Rows(path));
    }

    private static SqliteConnection Open(string path, List<SqliteConnection> opened)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        SqliteDatabase.Execute(connection, "CREATE TABLE IF NOT EXISTS t (x INTEGER NOT NULL);");
        opened.Add(connection);
        return connection;
    }

    private static Func<SqliteConnection, SqliteTransaction, bool> Insert(long value) => (connection, transaction) =>
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO t (x) VALUES ($x)";
        command.Parameters.AddWithValue("$x", value);
        command.ExecuteNonQuery();
        return true;
    };

    private static long[] Rows(string path)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT x FROM t ORDER BY x";
        using var reader = command.ExecuteReader();
        var rows = new List<long>();
        while (reader.Read()) rows.Add(reader.GetInt64(0));
        return rows.ToArray();
    }
}
