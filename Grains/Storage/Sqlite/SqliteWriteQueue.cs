using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace AkLight.Grains.Storage.Sqlite;

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
    private readonly Task _writer;

    public SqliteWriteQueue(Func<SqliteConnection> open)
    {
        _open = open;
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

    private async Task WriteLoopAsync()
    {
        using var connection = _open();
        var batch = new List<Job>(MaxJobsPerCommit);
        while (await _jobs.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < MaxJobsPerCommit && _jobs.Reader.TryRead(out var job)) batch.Add(job);
            Commit(connection, batch);
            batch.Clear();
        }
    }

    private static void Commit(SqliteConnection connection, List<Job> batch)
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
                catch (Exception error)
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
            var failure = new StoreUnavailableException($"the embedded store could not commit: {error.Message}");
            foreach (var job in succeeded) job.Fail(failure);
            foreach (var job in batch.Where(j => !j.IsCompleted && !succeeded.Contains(j))) job.Fail(failure);
            return;
        }
        foreach (var job in succeeded) job.Succeed();
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
