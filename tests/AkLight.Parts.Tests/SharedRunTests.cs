using AkLight.Grains.Common;

namespace AkLight.Parts.Tests;

public sealed class SharedRunTests
{
    [Fact]
    public async Task Callers_while_a_run_goes_on_share_it_and_the_next_call_after_it_runs_again()
    {
        var runs = 0;
        var gate = new TaskCompletionSource();
        var run = new SharedRun(async () =>
        {
            runs++;
            await gate.Task;
        });

        var first = run.RunAsync();
        Assert.Same(first, run.RunAsync());
        Assert.Same(first, run.Running);
        gate.SetResult();
        await first;

        Assert.Null(run.Running);
        await run.RunAsync();
        Assert.Equal(2, runs);
    }

    [Fact]
    public async Task A_run_that_completed_before_it_was_returned_is_not_handed_out_again()
    {
        // A partition that found no topic must look again on the next call, when the topic may exist.
        var found = false;
        var lookups = 0;
        var run = new SharedRun(() =>
        {
            lookups++;
            return found ? Task.CompletedTask : Task.FromException(new InvalidOperationException("no topic yet"));
        });

        await Assert.ThrowsAsync<InvalidOperationException>(run.RunAsync);
        Assert.Null(run.Running);
        found = true;
        await run.RunAsync();
        Assert.Equal(2, lookups);
    }
}
