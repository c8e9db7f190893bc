using AkLight.Storage.Sqlite;

namespace AkLight.TestSupport.Storage;

/// <summary>An embedded store in a folder of its own, deleted with it: one per test.</summary>
public sealed class TempSqliteDatabase : IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("aklight-sqlite-").FullName;

    public TempSqliteDatabase() => Database = new SqliteDatabase(Path.Combine(_folder, "aklight.db"));

    public SqliteDatabase Database { get; }

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
