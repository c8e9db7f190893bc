namespace AkLight.Bench.Load;

/// <summary>
/// Runs one <see cref="RunSpec"/> against a target whose consumer is already subscribed: connects the
/// producers, sends, waits until the consumer has received everything acknowledged (or the drain times out,
/// or nothing new arrives for the stall timeout), and returns the figures, lost and duplicated messages included.
/// </summary>
internal static class LoadGenerator
{
    public static async Task<RunResult> RunAsync(IBenchTarget target, Receiver receiver, MetricTopics topics, RunSpec spec,
        string label, CancellationToken cancellationToken)
    {
        var run = new RunLedger();
        var producers = new List<IBenchProducer>();
        try
        {
            for (var i = 0; i < spec.Producers; i++) producers.Add(await target.CreateProducerAsync(i, cancellationToken).ConfigureAwait(false));
            var ledgers = producers.Select(_ => receiver.AddProducer(run)).ToArray();
            var strays = receiver.Strays;
            var exceptions = ClientExceptions.Snapshot();
            var cpu = CpuProbe.Start(target.BrokerPids);
            var runtime = await RuntimeProbe.StartAsync(target.BrokerPids).ConfigureAwait(false);
            run.StartTimestamp = Stopwatch.GetTimestamp();
            await Task.WhenAll(producers.Select((producer, i) => Task.Run(() =>
                ProducerLoop.RunAsync(producer, ledgers[i], topics.ForProducer(i, spec.Producers), spec, run.StartTimestamp, cancellationToken), CancellationToken.None)))
                .ConfigureAwait(false);
            run.ProduceEndTimestamp = Stopwatch.GetTimestamp();
            var drained = await DrainAsync(run, spec.DrainTimeout, spec.StallTimeout, cancellationToken).ConfigureAwait(false);
            var (brokerCores, benchCores) = cpu.Stop();
            var collector = await runtime.StopAsync(run.Acked).ConfigureAwait(false);
            var problem = drained ? null : "consumer did not catch up before the drain timeout" + await DiagnoseAsync(target, run, topics, spec).ConfigureAwait(false);
            var thrown = ClientExceptions.Since(exceptions);
            return new RunResult(target.Name, label, spec, run.Snapshot(), brokerCores, benchCores, receiver.Strays - strays, problem, run.FirstError,
                thrown.Length == 0 ? null : thrown, collector);
        }
        finally
        {
            foreach (var producer in producers) await producer.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>What the target says about the topics whose messages are missing, when it can say anything.</summary>
    private static async Task<string> DiagnoseAsync(IBenchTarget target, RunLedger run, MetricTopics topics, RunSpec spec)
    {
        if (target is not IDiagnosableTarget diagnosable) return "";
        var missing = run.Missing(20);
        var names = missing.SelectMany((sequences, i) =>
        {
            var own = topics.ForProducer(i, spec.Producers);
            return sequences.Select(s => own[(int)(s % own.Count)].Name);
        }).Distinct().Take(20).ToArray();
        if (names.Length == 0) return "";
        try
        {
            return "; " + await diagnosable.DiagnoseAsync(names).WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        }
        catch (Exception error)
        {
            return $"; diagnosis failed: {error.Message}";
        }
    }

    /// <summary>Waits until the consumer has every acknowledged message; false when it gave up first.</summary>
    private static async Task<bool> DrainAsync(RunLedger run, TimeSpan timeout, TimeSpan stall, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        var lastCount = -1L;
        var lastProgress = DateTime.UtcNow;
        while (!cancellationToken.IsCancellationRequested)
        {
            var received = run.Received;
            if (received >= run.Acked) return true;
            var now = DateTime.UtcNow;
            if (received != lastCount)
            {
                lastCount = received;
                lastProgress = now;
            }
            if (now >= deadline || now - lastProgress > stall) return false;
            try
            {
                await Task.Delay(10, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        return false;
    }
}
