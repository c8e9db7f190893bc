using AkLight.Consumer.CommandLine;
using AkLight.Consumer.Consuming;

namespace AkLight.Consumer;

/// <summary>Parses the command line, runs the consumer and maps failures to exit codes.</summary>
internal static class ConsumerProgram
{
    public static async Task<int> RunAsync(string[] args)
    {
        using var shutdown = new ShutdownSignal();
        try
        {
            var parsed = ArgumentParser.Parse(args, ConsumeOptions.ValueOptions, ConsumeOptions.Switches);
            if (parsed.Has("help"))
            {
                await Console.Out.WriteLineAsync(Usage.Text).ConfigureAwait(false);
                return ExitCodes.Success;
            }
            var options = ConsumeOptions.From(parsed);
            IMessageWriter writer = options.Json ? new JsonMessageWriter(Console.Out) : new TextMessageWriter(Console.Out);
            return await ConsumeCommand.RunAsync(options, writer, shutdown.Token).ConfigureAwait(false);
        }
        catch (UsageException error) when (args.Length == 0)
        {
            ErrorReport.Print(Console.Error, error.Message);
            await Console.Error.WriteLineAsync(Usage.Text).ConfigureAwait(false);
            return ExitCodes.BadInput;
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
