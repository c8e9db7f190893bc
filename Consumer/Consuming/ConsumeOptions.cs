namespace AkLight.Consumer.Consuming;

/// <summary>What the consumer was asked to do, checked before connecting.</summary>
/// <param name="Filters">Topic filters (MQTT wildcards allowed), all valid.</param>
/// <param name="SessionId">The session to open (with <paramref name="Group"/>: the member id); a random <c>consumer-xxxxxxxx</c> when not given.</param>
/// <param name="Persistent">Keep the session's committed offsets across consumer and broker restarts.</param>
/// <param name="Start">Where partitions without a committed offset start.</param>
/// <param name="Max">Stop after this many messages (null: no limit).</param>
/// <param name="IdleExit">Stop after this long without a message (null: never).</param>
/// <param name="Json">One compact JSON object per line instead of readable text.</param>
/// <param name="Brokers">Broker addresses; empty means <c>AKLIGHT_BROKERS</c> or the default.</param>
/// <param name="Group">The consumer group to join instead of opening a session (null: a session).</param>
internal sealed record class ConsumeOptions(
    IReadOnlyList<string> Filters,
    string SessionId,
    bool Persistent,
    StartPosition Start,
    int? Max,
    TimeSpan? IdleExit,
    bool Json,
    IReadOnlyList<string> Brokers,
    string? Group = null)
{
    public static readonly string[] ValueOptions = ["filter", "session", "from", "max", "idle-exit", "broker", "group"];

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
        var start = ParseStart(args.Single("from"));
        var group = args.Single("group");
        if (group is not null) CheckGroupOptions(group, args, start);
        return new ConsumeOptions(
            filters,
            session,
            args.Has("persistent"),
            start,
            args.PositiveInt("max"),
            ParseSeconds(args.Single("idle-exit")),
            args.Has("json"),
            args.All("broker"),
            group);
    }

    /// <summary>A group keeps its own offsets and starts new partitions at its earliest or latest message only.</summary>
    private static void CheckGroupOptions(string group, ParsedArguments args, StartPosition start)
    {
        if (string.IsNullOrWhiteSpace(group)) throw new UsageException("option '--group' needs a non-empty name");
        if (args.Has("persistent"))
            throw new UsageException("option '--persistent' does not apply with '--group': a group always keeps its committed offsets");
        if (start.From == StartFrom.Time)
            throw new UsageException("with '--group', option '--from' takes 'earliest' or 'latest' (a group cannot start at a time)");
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
