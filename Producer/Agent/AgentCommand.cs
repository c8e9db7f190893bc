using AkLight.Client.Producing;
using AkLight.Producer.Events;
using AkLight.Producer.Metrics.Docker;

namespace AkLight.Producer.Agent;

/// <summary>
/// The metric agent: samples every interval, and follows the Docker Engine's container events, into a bounded buffer
/// while a separate loop delivers the buffer to the broker; on Ctrl+C or SIGTERM it stops sampling and following,
/// flushes for a bounded time and exits 0.
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
        var buffer = new BoundedBuffer<OutgoingMessage>(options.BufferCapacity);
        // Events come from the engine that answered for the metrics; without one there are none to follow.
        using var events = source is DockerMetricSource
            ? new DockerEventFollower(DockerConnector.Open(options.DockerSocket), options.Host, options.ProducerId, buffer, status)
            : null;
        status.Started(options, source.Description, events is not null);

        await using IMessageSender sender = options.Mqtt is { } door
            ? new MqttSender(door, status)
            : new BrokerSender(options.Brokers, new ProducerOptions { DeliveryTimeout = DeliveryTimeout }, status);
        using var samplingDone = new CancellationTokenSource();
        var delivering = new DeliveryLoop(buffer, sender, status, FlushTimeout).RunAsync(samplingDone.Token);
        var following = events?.RunAsync(stop) ?? Task.CompletedTask;
        try
        {
            await SamplingLoop.RunAsync(source, buffer, options, status, stop).ConfigureAwait(false);
        }
        finally
        {
            await following.ConfigureAwait(false); // what it read before the stop is in the buffer, to be flushed

            await samplingDone.CancelAsync().ConfigureAwait(false);
            await delivering.ConfigureAwait(false);
        }
        return ExitCodes.Success;
    }
}
