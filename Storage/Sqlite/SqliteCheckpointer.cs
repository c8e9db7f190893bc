using Microsoft.Data.Sqlite;

namespace AkLight.Storage.Sqlite;

/// <summary>
/// Copies the write-ahead log back into the database file from a thread of its own. Left to SQLite, the
/// connection that commits runs the checkpoint inside its commit once the log passes 1,000 pages, and
/// that connection is the single writer: every append queued behind it would wait for the copy and its
/// fsync. A passive checkpoint never blocks the writer or the readers.
/// </summary>
internal sealed class SqliteCheckpointer : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public SqliteCheckpointer(Func<SqliteConnection> open)
    {
        _loop = Task.Run(() => RunAsync(open, _stop.Token));
    }

    private static async Task RunAsync(Func<SqliteConnection> open, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(Interval);
        SqliteConnection? connection = null;
        try
        {
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
            {
                try
                {
                    connection ??= open();
                    SqliteDatabase.Execute(connection, "PRAGMA wal_checkpoint(PASSIVE);");
                }
                catch (SqliteException)
                {
                    // Busy or a transient I/O error: the log keeps every commit, the next tick tries again.
                    connection?.Dispose();
                    connection = null;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            connection?.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }
}
