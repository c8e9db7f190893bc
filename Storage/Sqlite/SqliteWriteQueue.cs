using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace AkLight.Storage.Sqlite;

/// <summary>
/// The embedded store's only writer. Jobs queued while a commit is in flight go into the next
/// transaction together (group commit: one fsync for many appends). Each job runs in its own savepoint,
/// so one failing job is rolled back alone and fails alone; the others commit.
/// </summary>
public sealed class SqliteWriteQueue : IAsyncDisposable
{
    private const int MaxJobsPerCommit = 2048;

    private readonly Channel<Job> _jobs = Channel.CreateUnbounded<Job>(new() { SingleReader = true });
    private readonly Func<SqliteConnection> _open;
    private readonly string _path;
    private readonly Task _writer;

    public SqliteWriteQueue(Func<SqliteConnection> open, string path)
    {
        _open = open;
        _path = path;
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>Runs <paramref name="work"/> in the next transaction; completes after that transaction commits.</summary>
    public Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, T> work)
    {
        var job = new Job<T>(work);
        if (!_jobs.Writer.TryWrite(job))
            return Task.FromException<T>(new StoreUnavailableException("the embedded store is shut down"));
        return job.Completion.Task;
    }

    /// <summary>
    /// Commits batches of jobs for as long as the store runs. A connection that failed a commit with a disk fault
    /// (I/O error, disk full, file gone) is closed and the next batch opens a new one, so the store recovers once
    /// the disk does, without a restart; a batch that cannot get a connection fails alone.
    /// </summary>
    private async Task WriteLoopAsync()
    {
        SqliteConnection? connection = null;
        var batch = new List<Job>(MaxJobsPerCommit);
        try
        {
            while (await _jobs.Reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (batch.Count < MaxJobsPerCommit && _jobs.Reader.TryRead(out var job)) batch.Add(job);
                try
                {
                    connection ??= _open();
                }
                catch (Exception error)
                {
                    var failure = SqliteFailures.Translate(_path, error);
                    foreach (var job in batch) job.Fail(failure);
                    batch.Clear();
                    continue;
                }
                if (!Commit(connection, batch))
                {
                    connection.Dispose();
                    connection = null;
                }
                batch.Clear();
            }
        }
        finally
        {
            connection?.Dispose();
        }
    }

    /// <summary>Commits <paramref name="batch"/>; false when the connection should not be used again.</summary>
    private bool Commit(SqliteConnection connection, List<Job> batch)
    {
        var succeeded = new List<Job>(batch.Count);
        try
        {
            using var transaction = connection.BeginTransaction();
            foreach (var job in batch)
            {
                SqliteDatabase.Execute(connection, "SAVEPOINT job;", transaction);
                try
                {
                    job.Run(connection, transaction);
                    SqliteDatabase.Execute(connection, "RELEASE job;", transaction);
                    succeeded.Add(job);
                }
                catch (Exception error) when (error is not SqliteException || !SqliteFailures.NeedsNewConnection(error))
                {
                    SqliteDatabase.Execute(connection, "ROLLBACK TO job; RELEASE job;", transaction);
                    job.Fail(error);
                }
            }
            transaction.Commit();
        }
        catch (Exception error)
        {
            // The commit itself failed: nothing of this group is durable, so nothing is acknowledged.
            var failure = SqliteFailures.Translate(_path, error);
            foreach (var job in batch) job.Fail(failure);
            return !SqliteFailures.NeedsNewConnection(error);
        }
        foreach (var job in succeeded) job.Succeed();
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        _jobs.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
    }

    private abstract class Job
    {
        public abstract bool IsCompleted { get; }

        public abstract void Run(SqliteConnection connection, SqliteTransaction transaction);

        public abstract void Succeed();

        public abstract void Fail(Exception error);
    }

    private sealed class Job<T>(Func<SqliteConnection, SqliteTransaction, T> work) : Job
    {
        private T? _result;

        public TaskCompletionSource<T> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override bool IsCompleted => Completion.Task.IsCompleted;

        public override void Run(SqliteConnection connection, SqliteTransaction transaction) => _result = work(connection, transaction);

        public override void Succeed() => Completion.TrySetResult(_result!);

        public override void Fail(Exception error) => Completion.TrySetException(error);
    }
}
