using MQTTnet;

namespace AkLight.Silo.Doors.Mqtt;

/// <summary>
/// One connection's PUBLISHes on their way to the log. MQTTnet reads a connection's next packet only once the publish
/// interceptor returns, so the door does not wait there for the append: it queues the message here, and holds the
/// PUBACK (PUBREC) back until that append is durable. Each round appends everything queued meanwhile, one broker call
/// per topic (in arrival order), so a busy publisher gets batches, and acknowledgements leave in order.
/// </summary>
internal sealed class MqttPublishPipeline(
    Func<Principal, string, IReadOnlyList<ProduceRecord>, Task<ProduceOutcome[]>> append,
    Func<MqttApplicationMessage, ProduceRecord, Task> retain)
{
    private readonly Lock _gate = new();
    private List<Queued> _queue = [];
    private bool _running;

    /// <summary>Queues <paramref name="message"/>; the task ends once it is durable (null) or failed (the error).</summary>
    public Task<Exception?> Enqueue(Principal principal, MqttApplicationMessage message, ProduceRecord record)
    {
        var queued = new Queued(principal, message, record, new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously));
        lock (_gate)
        {
            _queue.Add(queued);
            if (_running) return queued.Done.Task;
            _running = true;
        }
        _ = Task.Run(RunAsync);
        return queued.Done.Task;
    }

    private async Task RunAsync()
    {
        while (true)
        {
            List<Queued> round;
            lock (_gate)
            {
                if (_queue.Count == 0)
                {
                    _running = false;
                    return;
                }
                round = _queue;
                _queue = [];
            }
            await Task.WhenAll(round.GroupBy(q => (q.Message.Topic, q.Principal)).Select(AppendAsync));
        }
    }

    private async Task AppendAsync(IGrouping<(string Topic, Principal Principal), Queued> topic)
    {
        var items = topic.ToArray();
        try
        {
            var outcomes = await append(topic.Key.Principal, topic.Key.Topic, [.. items.Select(q => q.Record)]);
            for (var i = 0; i < items.Length; i++)
            {
                // A retained message is set once stored, before it is acknowledged.
                if (outcomes[i].Error is null && items[i].Message.Retain) await retain(items[i].Message, items[i].Record);
                items[i].Done.TrySetResult(outcomes[i].Error);
            }
        }
        catch (Exception error)
        {
            foreach (var item in items) item.Done.TrySetResult(error); // the ones already set keep their outcome
        }
    }

    private sealed record Queued(Principal Principal, MqttApplicationMessage Message, ProduceRecord Record, TaskCompletionSource<Exception?> Done);
}
