namespace AkLight.Client.Producing;

/// <summary>How a producer batches and retries.</summary>
public sealed class ProducerOptions
{
    /// <summary>
    /// How long a partition's batch waits for more messages before it is sent (Kafka's linger.ms), counted from
    /// the partition's previous send: a partition that has not sent for this long sends a new message at once.
    /// </summary>
    public TimeSpan Linger { get; set; } = TimeSpan.FromMilliseconds(5);

    /// <summary>Most messages in one batch.</summary>
    public int BatchSize { get; set; } = 2000;

    /// <summary>Most bytes in one batch (a single larger message still goes alone).</summary>
    public int BatchBytes { get; set; } = 1024 * 1024;

    /// <summary>Largest message accepted before sending; the broker enforces its own limit too.</summary>
    public int MaxMessageBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// How long a batch (or the lookup of a new topic) is retried when the broker is unreachable or slow before it
    /// is reported undelivered.
    /// </summary>
    public TimeSpan DeliveryTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Most new topics looked up (created) at once. Thousands of first sends at once would otherwise queue thousands
    /// of creations at the broker, and the last would wait past the response timeout behind the others; the rest
    /// wait here, where no timeout runs.
    /// </summary>
    public int MaxTopicLookupsInFlight { get; set; } = 64;
}

/// <summary>Where an acknowledged message was stored.</summary>
public sealed record class DeliveryResult(string Topic, int Partition, long Offset);
