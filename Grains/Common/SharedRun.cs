namespace AkLight.Grains.Common;

/// <summary>
/// An operation that concurrent callers share while it runs and that runs afresh on the next call once it has
/// ended. Only a run still going is handed out: one that ended, even one that completed before it was returned
/// (a store read can finish on another thread first), is never given out again, so a "not found" or a failure
/// is not remembered.
/// </summary>
internal sealed class SharedRun(Func<Task> operation)
{
    private Task? _last;

    /// <summary>The run in progress, or null when none is.</summary>
    public Task? Running => _last is { IsCompleted: false } running ? running : null;

    /// <summary>The run in progress, or a new one.</summary>
    public Task RunAsync() => Running ?? (_last = operation());
}
