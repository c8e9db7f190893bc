namespace AkLight.Bench.Targets;

/// <summary>A system under test as the load generator sees it: one wildcard consumer and any number of producers.</summary>
internal interface IBenchTarget
{
    /// <summary>The row label, e.g. <c>aklight-embedded</c>, <c>mosquitto-qos1</c>.</summary>
    string Name { get; }

    /// <summary>Processes whose CPU is the broker's (with their descendants).</summary>
    IReadOnlyList<int> BrokerPids { get; }

    /// <summary>Subscribes the consumer to <c>metrics/docker/#</c> and hands every message to <paramref name="receiver"/> until disposed.</summary>
    Task<IAsyncDisposable> StartConsumerAsync(Receiver receiver, CancellationToken cancellationToken);

    /// <summary>A connected producer (its own connection).</summary>
    Task<IBenchProducer> CreateProducerAsync(int index, CancellationToken cancellationToken);
}

/// <summary>Sends one message; the task completes when the broker has acknowledged it.</summary>
internal interface IBenchProducer : IAsyncDisposable
{
    Task SendAsync(string topic, byte[] key, byte[] payload);
}

/// <summary>A target that can say where its consumer stands on given topics, for runs whose consumer did not catch up.</summary>
internal interface IDiagnosableTarget
{
    Task<string> DiagnoseAsync(IReadOnlyList<string> topics);
}
