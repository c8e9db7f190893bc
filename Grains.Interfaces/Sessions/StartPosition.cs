namespace AkLight;

/// <summary>Where a new session starts reading partitions it has no offset for.</summary>
public enum StartFrom
{
    /// <summary>Only messages that arrive after subscribing (the default).</summary>
    Latest,
    /// <summary>The oldest message kept.</summary>
    Earliest,
    /// <summary>The first message at or after a time.</summary>
    Time,
}

/// <summary>A session's start position, with explicit offsets for some partitions if wanted.</summary>
[GenerateSerializer, Immutable, Alias("AkLight.StartPosition")]
public sealed record class StartPosition(
    [property: Id(0)] StartFrom From,
    [property: Id(1)] DateTimeOffset? Time = null,
    [property: Id(2)] IReadOnlyList<TopicPartitionOffset>? Offsets = null)
{
    public static StartPosition Latest { get; } = new(StartFrom.Latest);

    public static StartPosition Earliest { get; } = new(StartFrom.Earliest);

    public static StartPosition At(DateTimeOffset time) => new(StartFrom.Time, time);

    /// <summary>Explicit offsets for the listed partitions; the others start at <paramref name="otherwise"/>.</summary>
    public static StartPosition AtOffsets(IReadOnlyList<TopicPartitionOffset> offsets, StartFrom otherwise = StartFrom.Latest) =>
        new(otherwise, null, offsets);

    /// <summary>Parses "latest", "earliest" or an ISO-8601 time; throws <see cref="ArgumentException"/> otherwise.</summary>
    public static StartPosition Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "latest" => Latest,
        "earliest" => Earliest,
        _ when DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal, out var time) => At(time),
        _ => throw new ArgumentException($"start position '{text}' is not 'latest', 'earliest' or an ISO-8601 time", nameof(text)),
    };
}
