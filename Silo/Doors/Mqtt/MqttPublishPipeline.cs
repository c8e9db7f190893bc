using MQTTnet;

namespace AkLight.Silo.Doors.Mqtt;

/// <summary>
/// One connection's PUBLISHes on their way to the log. MQTTnet reads a connection's next packet only once the publish
/// interceptor returns, so the door does not wait there for the append: it queues the message here, and holds the
/// PUBACK (PUBREC) back until that append is durable. Order is kept per topic (MQTT's ordered topics, §4.6), not per
/// connection: each topic is a lane whose next append starts when its previous one has ended, carrying everything
/// queued on the topic meanwhile (a busy publisher gets batches), while the lanes of other topics go on. The
/// acknowledgements still leave in the order the PUBLISHes came, as §4.6 asks: MQTTnet sends them in that order
/// and each waits for its own append.
/// </summary>
internal sealed class MqttPublishPipeline(
    Func<Principal, string, IReadOnlyList<ProduceRecord>, Task<ProduceOutcome[]>> append,
    Func<MqttApplicationMessage, ProduceRecord, Task> retain)
{
    private readonly Lock _gate = new();

    /// <summary>The lanes running: per topic (and principal), what arrived while its append ran.</summary>
    private readonly Dictionary<(string Topic, Principal Principal), List<Queued>> _lanes = [];

    /// <summary>Queues <paramref name="message"/>; the task ends once it is durable (null) or failed (the error).</summary>
    public Task<Exception?> Enqueue(Principal principal, MqttApplicationMessage message, ProduceRecord record)
    {
        var queued = new Queued(principal, message, record, new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously));
        var lane = (message.Topic, principal);
        lock (_gate)
        {
            if (_lanes.TryGetValue(lane, out var waiting))
            {
                waiting.Add(queued);
                return queued.Done.Task;
            }
            _lanes[lane] = [];
        }
        _ = Task.Run(() => RunLaneAsync(lane, [queued]));
        return queued.Done.Task;
    }

    /// <summary>Topics with an append running (for tests): none once every append has ended.</summary>
    public int RunningLanes
    {
        get
        {
            lock (_gate) return _lanes.Count;
        }
    }

    private async Task RunLaneAsync((string Topic, Principal Principal) lane, List<Queued> round)
    {
        while (true)
        {
            await AppendAsync(lane, round);
            lock (_gate)
            {
                var waiting = _lanes[lane];
                if (waiting.Count == 0)
                {
                    _lanes.Remove(lane); // a connection that published to many topics holds none
                    return;
                }
                _lanes[lane] = [];
                round = waiting;
            }
        }
    }

    private async Task AppendAsync((string Topic, Principal Principal) lane, List<Queued> items)
    {
        try
        {
            var outcomes = await append(lane.Principal, lane.Topic, [.. items.Select(q => q.Record)]);
            for (var i = 0; i < items.Count; i++)
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
