using AkLight.Client.Connection;
using AkLight.Examples.Sightings.CommandLine;
using AkLight.Examples.Sightings.Roles;

namespace AkLight.Examples.Sightings;

/// <summary>Parses the command line, connects, runs the chosen role and maps failures to exit codes.</summary>
internal static class SightingsProgram
{
    /// <summary>Longer than the client's default 10 s: several roles started at once on a busy machine connect slowly.</summary>
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(30);

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length > 0 && args[0] is "--help" or "-h" or "help")
        {
            Console.WriteLine(Usage.Text);
            return ExitCodes.Success;
        }
        RunOptions options;
        try
        {
            options = RunOptions.Parse(args);
        }
        catch (UsageException error)
        {
            await Console.Error.WriteLineAsync($"error: {error.Message}\n{Usage.Text}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        using var shutdown = new ShutdownSignal();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(shutdown.Token);
        deadline.CancelAfter(options.Duration);
        BrokerConnection connection;
        try
        {
            connection = await BrokerConnection.ConnectAsync(options.Brokers, ConnectTimeout, shutdown.Token).ConfigureAwait(false);
        }
        catch (Exception error) when (error is AkLightException or ArgumentException or System.Net.Sockets.SocketException)
        {
            await Console.Error.WriteLineAsync($"error: {error.Message}").ConfigureAwait(false);
            return error is AkLightException ? ExitCodes.BrokerUnreachable : ExitCodes.BadInput;
        }

        await using (connection.ConfigureAwait(false))
        {
            try
            {
                await Topics.EnsureAsync(connection.Grains).WaitAsync(deadline.Token).ConfigureAwait(false);
                return await RunRoleAsync(connection.Grains, options, deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                var why = shutdown.Token.IsCancellationRequested ? "stopped" : $"out of time after {options.Duration.TotalSeconds:0} s";
                await Console.Error.WriteLineAsync($"error: {why} before the run was complete").ConfigureAwait(false);
                return shutdown.Token.IsCancellationRequested ? ExitCodes.Success : ExitCodes.Failure;
            }
            catch (Exception error)
            {
                await Console.Error.WriteLineAsync($"error: {error.GetType().Name}: {error.Message}").ConfigureAwait(false);
                return ExitCodes.Failure;
            }
        }
    }

    private static async Task<int> RunRoleAsync(IGrainFactory grains, RunOptions options, CancellationToken deadline)
    {
        // A role on its own cannot know when the generator (in another process) is done: it runs until the deadline.
        var stop = StopCondition.AtDeadline(deadline);
        switch (options.Role)
        {
            case "all":
                return await AllRoles.RunAsync(grains, options, deadline).ConfigureAwait(false);
            case "generator":
                await GeneratorRole.RunAsync(grains, options.Generator, deadline).ConfigureAwait(false);
                return ExitCodes.Success;
            case "dashboard":
            {
                var dashboard = await DashboardRole.JoinAsync(grains).ConfigureAwait(false);
                await using (dashboard.ConfigureAwait(false)) await dashboard.RunAsync(stop).ConfigureAwait(false);
                return ExitCodes.Success;
            }
            case "notifier":
            {
                var notifier = await NotifierRole.JoinAsync(grains, options.NotifierId).ConfigureAwait(false);
                await using (notifier.ConfigureAwait(false)) await notifier.RunAsync(stop).ConfigureAwait(false);
                return ExitCodes.Success;
            }
            case "panel":
            {
                var panel = await PanelRole.JoinAsync(grains, options.PanelUser).ConfigureAwait(false);
                await using (panel.ConfigureAwait(false)) await panel.RunAsync(stop).ConfigureAwait(false);
                return ExitCodes.Success;
            }
            default:
                throw new UsageException($"unknown role '{options.Role}'");
        }
    }
}
