using AkLight.Client.Consuming;

namespace AkLight.Consumer.Consuming;

/// <summary>
/// Opens the session and prints messages until <c>--max</c>, <c>--idle-exit</c> or a shutdown signal,
/// committing as it goes (after each fetched batch) and, on the way out, exactly what it printed.
/// </summary>
internal static class ConsumeCommand
{
    public static async Task<int> RunAsync(ConsumeOptions options, IMessageWriter writer, CancellationToken shutdown)
    {
        await using var connection = await BrokerConnector.ConnectAsync(options.Brokers, shutdown).ConfigureAwait(false);
        var session = await ConsumerSession.OpenAsync(connection.Grains, options.SessionId, new SessionOptions(options.Filters, options.Persistent, options.Start)).ConfigureAwait(false);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(shutdown);
        RestartIdleTimer(stop, options);
        var printed = new PrintedOffsets();
        try
        {
            await foreach (var message in session.ConsumeAsync(autoCommit: true, stop.Token).ConfigureAwait(false))
            {
                writer.Write(message);
                printed.Add(message);
                if (printed.Count >= options.Max) break;
                RestartIdleTimer(stop, options);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Ctrl+C, SIGTERM or --idle-exit: a clean stop.
        }

        // The session counts a message as processed only once the next one is asked for, so the last printed
        // message would be left out by the parameterless commit: commit exactly what was printed instead.
        if (printed.Count > 0) await session.CommitAsync(printed.ToCommit()).ConfigureAwait(false);
        if (!options.Persistent) await CloseQuietlyAsync(session).ConfigureAwait(false);
        return ExitCodes.Success;
    }

    private static void RestartIdleTimer(CancellationTokenSource stop, ConsumeOptions options)
    {
        if (options.IdleExit is { } idle) stop.CancelAfter(idle);
    }

    /// <summary>A throwaway session is closed so the broker stops tracking it; failing to is not the caller's problem.</summary>
    private static async Task CloseQuietlyAsync(ConsumerSession session)
    {
        try
        {
            await session.CloseAsync().WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The broker forgets a non-persistent session with its silo anyway.
        }
    }
}
