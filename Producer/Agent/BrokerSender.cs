using AkLight.Client.Connection;
using AkLight.Client.Producing;
using BatchingProducer = AkLight.Client.Producing.Producer;

namespace AkLight.Producer.Agent;

/// <summary>
/// Sends through the batching producer, connecting on first use. A failed connection attempt throws and is
/// tried again at the next send, so the agent starts, and samples, with no broker up.
/// </summary>
internal sealed class BrokerSender(IReadOnlyList<string> brokers, ProducerOptions producerOptions, AgentStatus status) : IMessageSender
{
    /// <summary>How long one connection attempt waits for a gateway to answer.</summary>
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);

    /// <summary>How long closing waits for sends still in flight.</summary>
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(5);

    private BrokerConnection? _connection;
    private BatchingProducer? _producer;

    public async Task<IReadOnlyList<Task>> SendAsync(IReadOnlyList<OutgoingMessage> batch, CancellationToken cancellationToken)
    {
        var producer = _producer ?? await ConnectAsync(cancellationToken).ConfigureAwait(false);
        var sends = new Task[batch.Count];
        for (var i = 0; i < batch.Count; i++) sends[i] = Send(producer, batch[i]);
        return sends;
    }

    private async Task<BatchingProducer> ConnectAsync(CancellationToken cancellationToken)
    {
        _connection = await BrokerConnection.ConnectAsync(brokers, ConnectTimeout, cancellationToken).ConfigureAwait(false);
        _producer = new BatchingProducer(_connection.Grains, producerOptions);
        status.Connected(brokers);
        return _producer;
    }

    private static Task Send(BatchingProducer producer, OutgoingMessage message)
    {
        try
        {
            return producer.ProduceAsync(message.Topic, Encoding.UTF8.GetBytes(message.Key), message.Payload);
        }
        catch (Exception error)
        {
            return Task.FromException(error); // a bad topic or an oversized message fails that message only
        }
    }

    public async Task ResetAsync()
    {
        var (producer, connection) = (_producer, _connection);
        (_producer, _connection) = (null, null);
        if (producer is not null)
        {
            try
            {
                await producer.DisposeAsync().AsTask().WaitAsync(CloseTimeout).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // Sends still retrying against a dead broker; what they carry is back in the buffer already.
            }
        }
        if (connection is not null) await connection.DisposeAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync() => await ResetAsync().ConfigureAwait(false);
}
