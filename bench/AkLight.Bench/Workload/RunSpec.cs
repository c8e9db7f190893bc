namespace AkLight.Bench.Workload;

/// <summary>
/// One measured run: how many producers, at full speed (<see cref="RatePerSecond"/> null) or at a fixed total
/// rate, for how long (and at most how many messages per producer), with how many unacknowledged messages
/// each producer may have in flight, and how long to wait for the consumer to catch up afterwards (giving up
/// early after <see cref="StallTimeout"/> without a new delivery).
/// </summary>
internal sealed record RunSpec(
    int Producers,
    double? RatePerSecond,
    TimeSpan Duration,
    long MaxMessagesPerProducer,
    int Window,
    TimeSpan DrainTimeout,
    TimeSpan StallTimeout)
{
    public string RateLabel => RatePerSecond is { } rate ? $"{rate:#,0}/s" : "full";
}
