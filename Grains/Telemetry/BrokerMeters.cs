using System.Diagnostics.Metrics;

namespace AkLight.Grains.Telemetry;

/// <summary>
/// The broker's own measurements, recorded by the grains through <see cref="System.Diagnostics.Metrics"/> and
/// exported by whoever listens to <see cref="MeterName"/> (the silo's <c>/metrics</c>). Names follow
/// OpenTelemetry's conventions; the Prometheus exporter turns them into <c>aklight_..._total</c>,
/// <c>..._seconds</c> and <c>..._bytes</c>. Everything is recorded once per batch, never per message.
/// </summary>
public static class BrokerMeters
{
    /// <summary>The meter every instrument below belongs to.</summary>
    public const string MeterName = "AkLight.Broker";

    /// <summary>The tag naming a topic's first level: few values, unlike whole topic names.</summary>
    public const string TopicLevelTag = "topic_level";

    private static readonly Meter Meter = new(MeterName);

    // Store latencies range from a fraction of a millisecond (embedded, idle) to seconds (a busy PostgreSQL).
    private static readonly InstrumentAdvice<double> LatencyBuckets = new()
    {
        HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    };

    /// <summary>Messages acknowledged to producers, by topic level.</summary>
    public static readonly Counter<long> ReceivedMessages = Meter.CreateCounter<long>(
        "aklight.received.messages", "{message}", "Messages stored and acknowledged, by the topic's first level");

    /// <summary>Key, payload and header bytes acknowledged to producers, by topic level.</summary>
    public static readonly Counter<long> ReceivedBytes = Meter.CreateCounter<long>(
        "aklight.received", "By", "Key, payload and header bytes stored and acknowledged, by the topic's first level");

    /// <summary>Messages handed to consumers by fetches, by topic level.</summary>
    public static readonly Counter<long> DeliveredMessages = Meter.CreateCounter<long>(
        "aklight.delivered.messages", "{message}", "Messages delivered to consumer sessions and group members, by the topic's first level");

    /// <summary>Key and payload bytes handed to consumers, by topic level.</summary>
    public static readonly Counter<long> DeliveredBytes = Meter.CreateCounter<long>(
        "aklight.delivered", "By", "Key and payload bytes delivered to consumers, by the topic's first level");

    /// <summary>From a produce batch's arrival at its partition to its acknowledgement (the commit included).</summary>
    public static readonly Histogram<double> AppendDuration = Meter.CreateHistogram(
        "aklight.append.duration", "s", "Time from a produce batch's arrival at its partition to its acknowledgement", advice: LatencyBuckets);

    /// <summary>One store write (a group commit of every batch queued on a partition).</summary>
    public static readonly Histogram<double> CommitDuration = Meter.CreateHistogram(
        "aklight.commit.duration", "s", "Duration of one store write of a partition (a group commit of its queued batches)", advice: LatencyBuckets);

    /// <summary>Store operations that failed, by operation (<c>append</c>, <c>load</c>, <c>retention</c>).</summary>
    public static readonly Counter<long> StoreErrors = Meter.CreateCounter<long>(
        "aklight.store.errors", "{error}", "Store operations that failed, by operation");

    /// <summary>Messages removed by retention (deleted below the cutoff).</summary>
    public static readonly Counter<long> RetentionDeletedMessages = Meter.CreateCounter<long>(
        "aklight.retention.deleted.messages", "{message}", "Messages removed by retention, by the topic's first level");

    /// <summary>Messages of retried batches a partition already had: answered, not stored again.</summary>
    public static readonly Counter<long> DuplicateMessages = Meter.CreateCounter<long>(
        "aklight.producer.duplicate.messages", "{message}", "Messages of retried produce batches dropped as duplicates (idempotent producer)");

    /// <summary>Partition grains active on this silo with their topic loaded.</summary>
    public static readonly UpDownCounter<long> ActivePartitions = Meter.CreateUpDownCounter<long>(
        "aklight.partitions.active", "{partition}", "Partitions active on this silo");

    /// <summary>Open consumer sessions active on this silo (group members read through sessions too).</summary>
    public static readonly UpDownCounter<long> ActiveSessions = Meter.CreateUpDownCounter<long>(
        "aklight.sessions.active", "{session}", "Open consumer sessions active on this silo");

    /// <summary>Committed-offset rows a save wrote or deleted, by owner kind: what a commit costs the store.</summary>
    public static readonly Counter<long> OffsetCommitRows = Meter.CreateCounter<long>(
        "aklight.offset_commits.rows", "{row}", "Committed-offset rows written or deleted in the store, by owner kind (session, group)");

    /// <summary>The tag naming the kind of grain that committed (<c>session</c>, <c>group</c>).</summary>
    public const string OwnerKindTag = "owner";

    public static KeyValuePair<string, object?> CommitOwnerKind(string kind) => new(OwnerKindTag, kind);

    /// <summary>The tag of a topic's first level.</summary>
    public static KeyValuePair<string, object?> TopicLevel(string level) => new(TopicLevelTag, level);

    /// <summary>The first level of <paramref name="topic"/> (the whole name when it has one level).</summary>
    public static string FirstLevel(string topic) => topic.IndexOf('/') is var slash and >= 0 ? topic[..slash] : topic;
}
