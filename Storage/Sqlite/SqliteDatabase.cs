using Microsoft.Data.Sqlite;

namespace AkLight.Storage.Sqlite;

/// <summary>
/// The embedded store: one SQLite file in WAL mode. Writes go through one <see cref="SqliteWriteQueue"/>
/// (SQLite has a single writer; queuing them also lets one fsync commit many appends); reads open
/// pooled connections of their own. Microsoft.Data.Sqlite is synchronous, so all work runs on the
/// thread pool, never on a grain's thread.
/// </summary>
public sealed class SqliteDatabase : IAsyncDisposable
{
    private readonly string _connectionString;
    private readonly SqliteCheckpointer _checkpointer;

    public SqliteDatabase(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        using (var connection = Open())
        {
            Execute(connection, "PRAGMA journal_mode=WAL;");
            Execute(connection, SqliteSchema.Script);
            SqliteSchema.Upgrade(connection);
        }
        Writes = new SqliteWriteQueue(OpenWriter, Path);
        _checkpointer = new SqliteCheckpointer(Open);
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>The single writer.</summary>
    public SqliteWriteQueue Writes { get; }

    /// <summary>Runs a read on the thread pool with a connection of its own.</summary>
    public Task<T> ReadAsync<T>(Func<SqliteConnection, T> read, CancellationToken cancellationToken = default) =>
        Task.Run(() =>
        {
            using var connection = Open();
            return read(connection);
        }, cancellationToken);

    internal SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        // FULL: a commit is on disk before it returns, so an acknowledged append survives a power cut.
        Execute(connection, "PRAGMA synchronous=FULL;");
        return connection;
    }

    /// <summary>
    /// The single writer's connection: checkpoints are left to <see cref="SqliteCheckpointer"/>, and a page
    /// cache large enough for the B-tree pages that appends to thousands of partitions keep touching.
    /// </summary>
    private SqliteConnection OpenWriter()
    {
        var connection = Open();
        Execute(connection, "PRAGMA wal_autocheckpoint=0;");
        // When a checkpoint lets the log start over, its file is cut back to this size rather than kept at its peak.
        Execute(connection, "PRAGMA journal_size_limit=67108864;");
        Execute(connection, "PRAGMA cache_size=-65536;"); // KiB: 64 MiB
        return connection;
    }

    internal static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public async ValueTask DisposeAsync()
    {
        await Writes.DisposeAsync();
        await _checkpointer.DisposeAsync();
        SqliteConnection.ClearAllPools();
    }
}
