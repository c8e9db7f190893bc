using System.Text.Json.Serialization;

namespace AkLight.Silo.Doors.Http.Topics;

/// <summary>Topics matching a filter.</summary>
public sealed record class TopicList(IReadOnlyList<TopicListItem> Topics);

/// <summary>A listed topic; the settings and message count only with <c>details=true</c>.</summary>
/// <param name="Messages">End minus start offset, summed over partitions (an upper bound for compacted topics).</param>
public sealed record class TopicListItem(
    string Name,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Partitions = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Retention = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Compact = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Messages = null);

/// <summary>A topic's settings and every partition's offsets.</summary>
/// <param name="Retention">How long messages are kept, as <c>d.hh:mm:ss</c>.</param>
/// <param name="Messages">End minus start offset, summed over partitions (an upper bound for compacted topics).</param>
public sealed record class TopicDescription(
    string Name,
    int PartitionCount,
    string Retention,
    long RetentionMs,
    bool Compact,
    DateTimeOffset CreatedAt,
    long Messages,
    IReadOnlyList<PartitionDescription> Partitions);

/// <summary>One partition's log: the oldest offset kept, the offset the next message gets, and their difference.</summary>
public sealed record class PartitionDescription(int Partition, long StartOffset, long EndOffset, long Messages);

/// <summary>A topic to create. Partitions and retention left out take the defaults for the name (<c>AkLight:Broker:TopicDefaults</c>).</summary>
/// <param name="Retention">A duration: <c>d.hh:mm:ss</c> (<c>7.00:00:00</c>) or ISO 8601 (<c>P7D</c>).</param>
public sealed record class CreateTopicRequest(string? Topic, int? Partitions, string? Retention, bool? Compact);

/// <summary>A new retention for a topic.</summary>
/// <param name="Retention">A duration: <c>d.hh:mm:ss</c> (<c>01:00:00</c>) or ISO 8601 (<c>PT1H</c>).</param>
public sealed record class RetentionRequest(string? Topic, string? Retention);
