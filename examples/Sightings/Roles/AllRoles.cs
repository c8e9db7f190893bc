using AkLight.Examples.Sightings.CommandLine;

namespace AkLight.Examples.Sightings.Roles;

/// <summary>
/// Every role in one process: the dashboard, the notifiers sharing one group, a panel per user, then the
/// generator. Consumers join before anything is sent, so nothing is missed by groups starting at "latest";
/// they stop once their groups have committed all the generator wrote, and the run ends with the checks.
/// </summary>
internal static class AllRoles
{
    public static async Task<int> RunAsync(IGrainFactory grains, RunOptions options, CancellationToken deadline)
    {
        using var run = CancellationTokenSource.CreateLinkedTokenSource(deadline);
        var generated = new TaskCompletionSource<GeneratorTotals>(TaskCreationOptions.RunContinuationsAsynchronously);
        var stop = new StopCondition(run.Token, generated.Task);
        var joined = new List<IAsyncDisposable>();
        var running = new List<Task>();
        try
        {
            var dashboard = await DashboardRole.JoinAsync(grains).ConfigureAwait(false);
            joined.Add(dashboard);
            var notifiers = new List<NotifierRole>();
            for (var id = 1; id <= options.Notifiers; id++)
            {
                notifiers.Add(await NotifierRole.JoinAsync(grains, id).ConfigureAwait(false));
                joined.Add(notifiers[^1]);
            }
            var panels = new List<PanelRole>();
            foreach (var user in options.Panels)
            {
                panels.Add(await PanelRole.JoinAsync(grains, user).ConfigureAwait(false));
                joined.Add(panels[^1]);
            }

            var dashboardRun = dashboard.RunAsync(stop);
            var notifierRuns = notifiers.Select(n => n.RunAsync(stop)).ToArray();
            var panelRuns = panels.Select(p => p.RunAsync(stop)).ToArray();
            running.AddRange([dashboardRun, .. notifierRuns, .. panelRuns]);

            // Cosmetic, not needed for correctness: let the notifiers' group finish handing partitions over
            // (it grants all to the first member, then moves some to each newcomer), so the run shows the final split.
            var sharing = await GroupBalance.WaitAsync(grains.GetGrain<IConsumerGroupGrain>(NotifierRole.Group), notifiers.Count, run.Token).ConfigureAwait(false);
            Console.WriteLine($"notifiers share {Topics.Sessions}: {Describe(sharing)}");

            try
            {
                generated.SetResult(await GeneratorRole.RunAsync(grains, options.Generator, run.Token).ConfigureAwait(false));
            }
            catch (Exception error)
            {
                generated.TrySetException(error);
                throw;
            }

            await Task.WhenAll(running).ConfigureAwait(false);
            var passed = RunChecks.Print(generated.Task.Result, dashboardRun.Result, notifierRuns.Select(r => r.Result).ToArray(), panelRuns.Select(r => r.Result).ToArray());
            return passed ? ExitCodes.Success : ExitCodes.Failure;
        }
        finally
        {
            // On failure, stop the consumers before leaving their groups; on success they have stopped already.
            await run.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(running).ContinueWith(static _ => { }, TaskScheduler.Default).ConfigureAwait(false);
            foreach (var role in joined) await LeaveQuietlyAsync(role).ConfigureAwait(false);
        }
    }

    /// <summary><c>notifier-1 reads [0], notifier-2 reads [2], …</c>, from the group's own description.</summary>
    private static string Describe(GroupDescription group) =>
        string.Join(", ", group.Members.Select(m =>
            $"{m.MemberId} reads [{string.Join(',', group.Partitions.Where(p => p.Owner == m.MemberId).Select(p => p.Partition))}]"));

    /// <summary>Commits and leaves; a broker that went away meanwhile is reported by the run itself, not here.</summary>
    private static async Task LeaveQuietlyAsync(IAsyncDisposable role)
    {
        try
        {
            await role.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception error)
        {
            await Console.Error.WriteLineAsync($"warning: leaving a group failed: {error.Message}").ConfigureAwait(false);
        }
    }
}
