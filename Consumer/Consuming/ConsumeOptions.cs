using System.Globalization;
using AkLight.Consumer.CommandLine;

namespace AkLight.Consumer.Consuming;

/// <summary>What the consumer was asked to do, checked before connecting.</summary>
/// <param name="Filters">Topic filters (MQTT wildcards allowed), all valid.</param>
/// <param name="SessionId">The session to open; a random <c>consumer-xxxxxxxx</c> when not given.</param>
/// <param name="Persistent">Keep the session's committed offsets across consumer and broker restarts.</param>
/// <param name="Start">Where partitions without a committed offset start.</param>
/// <param name="Max">Stop after this many messages (null: no limit).</param>
/// <param name="IdleExit">Stop after this long without a message (null: never).</param>
/// <param name="Json">One compact JSON object per line instead of readable text.</param>
/// <param name="Brokers">Broker addresses; empty means <c>AKLIGHT_BROKERS</c> or the default.</param>
internal sealed record class ConsumeOptions(
    IReadOnlyList<string> Filters,
    string SessionId,
    bool Persistent,
    StartPosition Start,
    int? Max,
    TimeSpan? IdleExit,
    bool Json,
    IReadOnlyList<string> Brokers)
{
    public static readonly string[] ValueOptions = ["filter", "session", "from", "max", "idle-exit", "broker"];

    public static readonly string[] Switches = ["persistent", "json", "help"];

    /// <summary>Reads the consumer's options; throws <see cref="UsageException"/> for anything wrong.</summary>
    public static ConsumeOptions From(ParsedArguments args)
    {
        var filters = args.All("filter");
        if (filters.Count == 0) throw new UsageException("option '--filter' is required (at least one topic filter)");
        foreach (var filter in filters)
        {
            var problem = TopicFilter.Validate(filter);
            if (problem is not null) throw new UsageException(problem);
        }
        var session = args.Single("session") ?? $"consumer-{Guid.NewGuid().ToString("N")[..8]}";
        if (string.IsNullOrWhiteSpace(session)) throw new UsageException("option '--session' needs a non-empty id");
        return new ConsumeOptions(
            filters,
            session,
            args.Has("persistent"),
            ParseStart(args.Single("from")),
            args.PositiveInt("max"),
            ParseSeconds(args.Single("idle-exit")),
            args.Has("json"),
            args.All("broker"));
    }

    private static StartPosition ParseStart(string? text)
    {
        if (text is null) return StartPosition.Latest;
        try
        {
            return StartPosition.Parse(text);
        }
        catch (ArgumentException error)
        {
            throw new UsageException(ArgumentMessages.Of(error));
        }
    }

    private static TimeSpan? ParseSeconds(string? text)
    {
        if (text is null) return null;
        return double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 && seconds <= int.MaxValue / 1000
            ? TimeSpan.FromSeconds(seconds)
            : throw new UsageException($"option '--idle-exit' needs a positive number of seconds, not '{text}'");
    }
}
