using AkLight.Producer.CommandLine;
using AkLight.Producer.Sending;

namespace AkLight.Producer;

/// <summary>Dispatches the subcommand. With none given it prints usage (a default agent mode may come later).</summary>
internal static class ProducerProgram
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0)
        {
            await Console.Error.WriteLineAsync(Usage.Text).ConfigureAwait(false);
            return ExitCodes.BadInput;
        }
        if (args[0] is "--help" or "-h" or "help")
        {
            await Console.Out.WriteLineAsync(Usage.Text).ConfigureAwait(false);
            return ExitCodes.Success;
        }
        if (args[0] != "send")
        {
            ErrorReport.Print(Console.Error, $"unknown command '{args[0]}'; try 'send' or --help");
            return ExitCodes.BadInput;
        }

        using var shutdown = new ShutdownSignal();
        try
        {
            var parsed = ArgumentParser.Parse(args[1..], SendOptions.ValueOptions, ["help"]);
            if (parsed.Has("help"))
            {
                await Console.Out.WriteLineAsync(Usage.Text).ConfigureAwait(false);
                return ExitCodes.Success;
            }
            return await SendCommand.RunAsync(SendOptions.From(parsed), Console.In, Console.Out, Console.Error, shutdown.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (shutdown.Token.IsCancellationRequested)
        {
            return ExitCodes.Success; // stopped by Ctrl+C or SIGTERM before anything was under way
        }
        catch (Exception error)
        {
            return ErrorReport.Print(Console.Error, error);
        }
    }
}
