namespace AkLight.Parts.Tests.Metrics;

public sealed class DeliveryLoopTests
{
    [Fact]
    public async Task Messages_sampled_while_the_broker_is_away_are_delivered_in_order_once_it_is_back()
    {
        var buffer = new BoundedBuffer<OutgoingMessage>(100);
        var broker = new FakeBroker { ConnectFailures = 1, SendFailures = 1 };
        var status = new StringWriter();
        using var samplingDone = new CancellationTokenSource();
        var loop = new DeliveryLoop(buffer, broker, new AgentStatus(status), TimeSpan.FromSeconds(5)).RunAsync(samplingDone.Token);

        foreach (var i in Enumerable.Range(0, 30)) buffer.Add(Message(i));
        await WaitUntilAsync(() => broker.Delivered.Count == 30);
        foreach (var i in Enumerable.Range(30, 5)) buffer.Add(Message(i));
        await samplingDone.CancelAsync();
        await loop.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(Enumerable.Range(0, 35).Select(i => $"t/{i}"), broker.Delivered.Select(m => m.Topic));
        var lines = status.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.StartsWith("agent: delivery failing", StringComparison.Ordinal) && l.Contains("broker down", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("agent: delivery resumed", StringComparison.Ordinal) && l.Contains("0 dropped", StringComparison.Ordinal));
        Assert.Single(lines, l => l.StartsWith("agent: delivery failing", StringComparison.Ordinal)); // once per outage
        Assert.StartsWith("agent: stopped, everything sampled was delivered", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Messages_acknowledged_in_a_partly_failed_batch_are_not_sent_again()
    {
        var buffer = new BoundedBuffer<OutgoingMessage>(100);
        var broker = new FakeBroker { FailEveryOtherOnce = true };
        using var samplingDone = new CancellationTokenSource();
        foreach (var i in Enumerable.Range(0, 10)) buffer.Add(Message(i));
        await samplingDone.CancelAsync();

        await new DeliveryLoop(buffer, broker, new AgentStatus(TextWriter.Null), TimeSpan.FromSeconds(10)).RunAsync(samplingDone.Token).WaitAsync(TimeSpan.FromSeconds(20));

        // Evens went first; the odd ones failed once and followed, still in their own order.
        Assert.Equal([0, 2, 4, 6, 8, 1, 3, 5, 7, 9], broker.Delivered.Select(m => int.Parse(m.Topic[2..], System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Stopping_with_the_broker_away_gives_up_after_the_flush_time_and_says_what_is_left()
    {
        var buffer = new BoundedBuffer<OutgoingMessage>(100);
        var broker = new FakeBroker { ConnectFailures = int.MaxValue };
        var status = new StringWriter();
        using var samplingDone = new CancellationTokenSource();
        foreach (var i in Enumerable.Range(0, 7)) buffer.Add(Message(i));
        await samplingDone.CancelAsync();

        var clock = System.Diagnostics.Stopwatch.StartNew();
        await new DeliveryLoop(buffer, broker, new AgentStatus(status), TimeSpan.FromSeconds(1)).RunAsync(samplingDone.Token).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(10));
        Assert.Empty(broker.Delivered);
        Assert.Equal(7, buffer.Count); // nothing lost inside the agent either
        Assert.Contains("agent: stopped with 7 message(s) undelivered", status.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Messages_the_broker_will_never_take_are_dropped_with_a_warning_and_hold_nothing_up()
    {
        var buffer = new BoundedBuffer<OutgoingMessage>(100);
        var broker = new FakeBroker { DeniedPrefix = "events/" };
        var status = new StringWriter();
        using var samplingDone = new CancellationTokenSource();
        foreach (var i in Enumerable.Range(0, 6)) buffer.Add(i % 2 == 0 ? Message(i) : new OutgoingMessage($"events/{i}", "k", [1]));
        await samplingDone.CancelAsync();

        await new DeliveryLoop(buffer, broker, new AgentStatus(status), TimeSpan.FromSeconds(10)).RunAsync(samplingDone.Token).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(["t/0", "t/2", "t/4"], broker.Delivered.Select(m => m.Topic));
        Assert.Contains("agent: warning: 3 message(s) refused by the broker and dropped: principal 'agent' may not produce to events/1", status.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, buffer.Count);
    }

    private static OutgoingMessage Message(int i) => new($"t/{i}", "k", Encoding.UTF8.GetBytes(i.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("condition not met within 20 s");
            await Task.Delay(20);
        }
    }

    /// <summary>A broker that refuses connections, then fails whole or partial batches, a set number of times.</summary>
    private sealed class FakeBroker : IMessageSender
    {
        private readonly object _gate = new();
        private readonly List<OutgoingMessage> _delivered = [];
        private readonly HashSet<string> _failedOnce = [];

        public int ConnectFailures { get; set; }

        public int SendFailures { get; set; }

        public bool FailEveryOtherOnce { get; set; }

        /// <summary>Topics starting with this are refused as a principal's rules would refuse them.</summary>
        public string? DeniedPrefix { get; set; }

        public IReadOnlyList<OutgoingMessage> Delivered
        {
            get { lock (_gate) return _delivered.ToArray(); }
        }

        public Task<IReadOnlyList<Task>> SendAsync(IReadOnlyList<OutgoingMessage> batch, CancellationToken cancellationToken)
        {
            if (ConnectFailures > 0)
            {
                ConnectFailures--;
                throw new AkLightException("cannot reach the broker: broker down");
            }
            var sends = new Task[batch.Count];
            for (var i = 0; i < batch.Count; i++)
            {
                var message = batch[i];
                if (DeniedPrefix is { } denied && message.Topic.StartsWith(denied, StringComparison.Ordinal))
                {
                    sends[i] = Task.FromException(new AccessDeniedException($"principal 'agent' may not produce to {message.Topic}"));
                    continue;
                }
                var odd = int.Parse(message.Topic[2..], System.Globalization.CultureInfo.InvariantCulture) % 2 == 1;
                if (SendFailures > 0 || (FailEveryOtherOnce && odd && _failedOnce.Add(message.Topic)))
                {
                    sends[i] = Task.FromException(new AkLightException("not delivered within 5 s: broker down"));
                    continue;
                }
                lock (_gate) _delivered.Add(message);
                sends[i] = Task.CompletedTask;
            }
            if (SendFailures > 0) SendFailures--;
            return Task.FromResult<IReadOnlyList<Task>>(sends);
        }

        public Task ResetAsync() => Task.CompletedTask;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
