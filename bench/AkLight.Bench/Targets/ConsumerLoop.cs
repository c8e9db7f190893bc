namespace AkLight.Bench.Targets;

/// <summary>
/// A polling consumer's loop on a task of its own, until disposed. A failed poll is counted and retried after
/// a short pause, so a hiccup shows as latency, not as a crash.
/// </summary>
internal sealed class ConsumerLoop : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly Task _loop;
    private readonly Func<ValueTask> _close;

    public ConsumerLoop(Func<CancellationToken, Task> pollOnce, Func<ValueTask> close, CancellationToken cancellationToken)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _close = close;
        _loop = Task.Run(() => RunAsync(pollOnce, _stop.Token));
    }

    public long Errors { get; private set; }

    public string? LastError { get; private set; }

    private async Task RunAsync(Func<CancellationToken, Task> pollOnce, CancellationToken token)
    {
        while (!token.IsCancellationRequested)
        {
            try
            {
                await pollOnce(token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error)
            {
                Errors++;
                LastError = $"{error.GetType().Name}: {error.Message}";
                try
                {
                    await Task.Delay(100, token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // A poll stuck past its own timeout; the connection is closed below anyway.
        }
        await _close().ConfigureAwait(false);
        _stop.Dispose();
    }
}
