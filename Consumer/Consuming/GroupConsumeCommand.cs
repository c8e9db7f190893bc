using AkLight.Client.Consuming;

namespace AkLight.Consumer.Consuming;

/// <summary>
/// <c>--group NAME</c>: joins the consumer group and prints the messages of the partitions it is given until
/// <c>--max</c>, <c>--idle-exit</c> or a shutdown signal; on the way out commits exactly what it printed and
/// leaves the group, so the other members take over its partitions right after the last printed message.
/// </summary>
internal static class GroupConsumeCommand
{
    public static async Task<int> RunAsync(ConsumeOptions options, IMessageWriter writer, CancellationToken shutdown)
    {
        var group = options.Group ?? throw new ArgumentException("no group to join", nameof(options));
        await using var connection = await BrokerConnector.ConnectAsync(options.Brokers, shutdown).ConfigureAwait(false);
        var consumer = await GroupConsumer.JoinAsync(connection.Grains, group, options.SessionId, options.Filters, options.Start.From).ConfigureAwait(false);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(shutdown);
        RestartIdleTimer(stop, options);
        var printed = 0;
        try
        {
            // GroupConsumer counts a message as processed once the enumerator moves past it, and stops handing
            // out messages once its token is cancelled. So at --max the loop cancels instead of breaking: the
            // next MoveNext marks the last printed message processed (and auto-commits it) without printing
            // another. A stop by signal or --idle-exit comes while waiting for a fetch, after the same step.
            // Either way the processed offsets are exactly the printed ones. (GroupConsumer has no commit of
            // explicit offsets, unlike ConsumerSession, which the session path uses instead.)
            await foreach (var message in consumer.ConsumeAsync(autoCommit: true, stop.Token).ConfigureAwait(false))
            {
                writer.Write(message);
                if (++printed >= options.Max) stop.Cancel();
                else RestartIdleTimer(stop, options);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Ctrl+C, SIGTERM or --idle-exit: a clean stop.
        }

        // Commits what was processed (= printed), leaves the group and closes the member's session.
        await consumer.DisposeAsync().ConfigureAwait(false);
        return ExitCodes.Success;
    }

    private static void RestartIdleTimer(CancellationTokenSource stop, ConsumeOptions options)
    {
        if (options.IdleExit is { } idle && !stop.IsCancellationRequested) stop.CancelAfter(idle);
    }
}
