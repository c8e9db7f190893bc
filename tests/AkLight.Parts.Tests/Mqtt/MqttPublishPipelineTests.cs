using AkLight.Client.Producing;
using AkLight.Grains.Security;
using AkLight.Silo.Broker;
using AkLight.TestSupport;
using MQTTnet;
using System.Globalization;

namespace AkLight.Parts.Tests.Mqtt;

/// <summary>A connection's publishes keep their order per topic, and only per topic: a slow topic holds no other.</summary>
public sealed class MqttPublishPipelineTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);
    private static readonly Principal Publisher = new("publisher", null, [], allowedEverything: true);

    private sealed class Log
    {
        private readonly Lock _gate = new();
        public readonly Dictionary<string, TaskCompletionSource> Holds = [];
        public readonly List<(string Topic, string[] Payloads)> Appends = [];

        public async Task<ProduceOutcome[]> AppendAsync(Principal principal, string topic, IReadOnlyList<ProduceRecord> records)
        {
            Task? hold;
            lock (_gate)
            {
                Appends.Add((topic, records.Select(r => System.Text.Encoding.UTF8.GetString(r.Payload!)).ToArray()));
                hold = Holds.GetValueOrDefault(topic)?.Task;
            }
            if (hold is not null) await hold;
            return records.Select((_, i) => new ProduceOutcome(new DeliveryResult(topic, 0, i), null)).ToArray();
        }

        public (string Topic, string[] Payloads)[] Snapshot()
        {
            lock (_gate) return [.. Appends];
        }
    }

    private static (MqttApplicationMessage, ProduceRecord) Publish(string topic, string payload) =>
        (new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).Build(), new ProduceRecord(null, System.Text.Encoding.UTF8.GetBytes(payload)));

    private static Task<Exception?> Enqueue(MqttPublishPipeline pipeline, string topic, string payload)
    {
        var (message, record) = Publish(topic, payload);
        return pipeline.Enqueue(Publisher, message, record);
    }

    [Fact]
    public async Task A_topic_whose_append_is_slow_holds_back_only_its_own_later_publishes_which_then_go_in_one_batch()
    {
        var log = new Log();
        var slow = new TaskCompletionSource();
        log.Holds["a"] = slow;
        var pipeline = new MqttPublishPipeline(log.AppendAsync, (_, _) => Task.CompletedTask);

        var a1 = Enqueue(pipeline, "a", "a1");
        await Wait.UntilAsync(() => log.Snapshot().Length == 1, Bound, "the first append to start");
        var a2 = Enqueue(pipeline, "a", "a2");
        var b1 = Enqueue(pipeline, "b", "b1");
        var a3 = Enqueue(pipeline, "a", "a3");

        Assert.Null(await b1.WaitAsync(Bound)); // another topic is not held by the slow one
        Assert.False(a2.IsCompleted);
        slow.SetResult();
        Assert.Null(await a1.WaitAsync(Bound));
        Assert.Null(await a2.WaitAsync(Bound));
        Assert.Null(await a3.WaitAsync(Bound));

        var appends = log.Snapshot();
        Assert.Equal([["a1"], ["a2", "a3"]], appends.Where(a => a.Topic == "a").Select(a => a.Payloads));
        Assert.Equal(0, pipeline.RunningLanes);
    }

    [Fact]
    public async Task A_failed_append_fails_only_its_own_publishes_and_the_topic_goes_on()
    {
        var calls = 0;
        var pipeline = new MqttPublishPipeline((_, topic, records) =>
            Interlocked.Increment(ref calls) == 1
                ? Task.FromException<ProduceOutcome[]>(new InvalidOperationException("the store failed"))
                : Task.FromResult(records.Select((_, i) => new ProduceOutcome(new DeliveryResult(topic, 0, i), null)).ToArray()),
            (_, _) => Task.CompletedTask);

        var failed = await Enqueue(pipeline, "a", "first").WaitAsync(Bound);
        var stored = await Enqueue(pipeline, "a", "second").WaitAsync(Bound);

        Assert.IsType<InvalidOperationException>(failed);
        Assert.Null(stored);
    }

    [Fact]
    public async Task Many_publishes_over_few_topics_are_appended_in_the_order_they_came_per_topic()
    {
        var log = new Log();
        var pipeline = new MqttPublishPipeline(log.AppendAsync, (_, _) => Task.CompletedTask);

        var done = Enumerable.Range(0, 300).Select(i => Enqueue(pipeline, $"t{i % 3}", i.ToString(CultureInfo.InvariantCulture))).ToArray();
        await Task.WhenAll(done).WaitAsync(Bound);

        foreach (var topic in new[] { 0, 1, 2 })
            Assert.Equal(Enumerable.Range(0, 100).Select(i => (i * 3 + topic).ToString(CultureInfo.InvariantCulture)),
                log.Snapshot().Where(a => a.Topic == $"t{topic}").SelectMany(a => a.Payloads));
        Assert.Equal(0, pipeline.RunningLanes);
    }
}
