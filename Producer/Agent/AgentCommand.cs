using AkLight.Client.Producing;

namespace AkLight.Producer.Agent;

/// <summary>
/// The metric agent: samples every interval into a bounded buffer while a separate loop delivers the buffer to
/// the broker; on Ctrl+C or SIGTERM it stops sampling, flushes for a bounded time and exits 0.
/// </summary>
internal static class AgentCommand
{
    /// <summary>How long the agent tries to deliver what is buffered once asked to stop.</summary>
    public static readonly TimeSpan FlushTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Short, so a batch the broker does not take is back in the agent's buffer, in order, within seconds
    /// instead of the client's default minute.
    /// </summary>
    public static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(5);

    public static async Task<int> RunAsync(AgentOptions options, TextWriter error, CancellationToken stop)
    {
        var status = new AgentStatus(error);
        await using var source = await MetricSources.CreateAsync(options, status, stop).ConfigureAwait(false);
        status.Started(options, source.Description);

        var buffer = new BoundedBuffer<OutgoingMessage>(options.BufferCapacity);
        await using IMessageSender sender = options.Mqtt is { } door
            ? new MqttSender(door, status)
            : new BrokerSender(options.Brokers, new ProducerOptions { DeliveryTimeout = DeliveryTimeout }, status);
        using var samplingDone = new CancellationTokenSource();
        var delivering = new DeliveryLoop(buffer, sender, status, FlushTimeout).RunAsync(samplingDone.Token);
        try
        {
            await SamplingLoop.RunAsync(source, buffer, options, status, stop).ConfigureAwait(false);
        }
        finally
        {
            await samplingDone.CancelAsync().ConfigureAwait(false);
            await delivering.ConfigureAwait(false);
        }
        return ExitCodes.Success;
    }
}
