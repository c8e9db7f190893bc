using AkLight.Client.Producing;
using BatchingProducer = AkLight.Client.Producing.Producer;

namespace AkLight.Consumer.Monitoring;

/// <summary>
/// Publishes alerts to their topic (<see cref="AlertEvent.Topic"/>) as <see cref="AlertJson"/>, without
/// waiting: the consume loop goes on while the broker acknowledges, and a failure is reported, not thrown.
/// </summary>
internal sealed class AlertPublisher(IGrainFactory grains, Action<string> report) : IAsyncDisposable
{
    /// <summary>How long an undelivered alert is retried while the broker is away.</summary>
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(30);

    /// <summary>How long closing waits for alerts still on their way.</summary>
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(5);

    private readonly BatchingProducer _producer = new(grains, new ProducerOptions { DeliveryTimeout = DeliveryTimeout });

    public void Publish(AlertEvent alert)
    {
        Task<DeliveryResult> delivery;
        try
        {
            delivery = _producer.ProduceAsync(alert.Topic, Encoding.UTF8.GetBytes(AlertJson.Key(alert)), AlertJson.Payload(alert));
        }
        catch (Exception error)
        {
            report($"alert {alert.Rule} for {AlertJson.Key(alert)} not published: {error.Message}");
            return;
        }
        delivery.ContinueWith(
            failed => report($"alert {alert.Rule} for {AlertJson.Key(alert)} not published to {alert.Topic}: {failed.Exception?.InnerException?.Message}"),
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }

    /// <summary>Waits a little for alerts still being delivered; what is left then is reported lost by its own failure.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await _producer.DisposeAsync().AsTask().WaitAsync(CloseTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            report($"some alerts were still unacknowledged after {CloseTimeout.TotalSeconds:0} s and may be lost");
        }
    }
}
