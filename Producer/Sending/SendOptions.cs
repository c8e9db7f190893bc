namespace AkLight.Producer.Sending;

/// <summary>What <c>send</c> was asked to do, checked before anything is sent.</summary>
/// <param name="Topic">The topic to publish to (a valid name, no wildcards).</param>
/// <param name="Key">The UTF-8 key for every message, or null to spread them over partitions.</param>
/// <param name="Count">With <paramref name="Message"/> or <paramref name="PayloadFile"/>, how many times to send it; otherwise the most stdin lines to send.</param>
/// <param name="Message">The text to send, or null to send one message per stdin line.</param>
/// <param name="PayloadFile">A file whose bytes are the one payload to send (<c>-</c>: all of standard input), or null.</param>
/// <param name="Base64">The message, the stdin lines or the file hold base64 of the payloads (binary on a text channel).</param>
/// <param name="Headers">Headers added to every message.</param>
/// <param name="Brokers">Broker addresses; empty means <c>AKLIGHT_BROKERS</c> or the default.</param>
internal sealed record class SendOptions(
    string Topic,
    byte[]? Key,
    int? Count,
    string? Message,
    string? PayloadFile,
    bool Base64,
    IReadOnlyList<MessageHeader> Headers,
    IReadOnlyList<string> Brokers)
{
    public static readonly string[] ValueOptions = ["topic", "key", "count", "message", "payload-file", "header", "broker"];

    public static readonly string[] Switches = ["base64", "help"];

    /// <summary>Reads the options of <c>send</c>; throws <see cref="UsageException"/> for anything wrong.</summary>
    public static SendOptions From(ParsedArguments args)
    {
        var topic = args.Required("topic");
        var topicError = TopicName.Validate(topic);
        if (topicError is not null) throw new UsageException(topicError);
        var key = args.Single("key");
        var message = args.Single("message");
        var payloadFile = args.Single("payload-file");
        if (message is not null && payloadFile is not null) throw new UsageException("give --message or --payload-file, not both");
        return new SendOptions(
            topic,
            key is null ? null : Encoding.UTF8.GetBytes(key),
            args.PositiveInt("count"),
            message,
            payloadFile,
            args.Has("base64"),
            args.All("header").Select(ParseHeader).ToArray(),
            args.All("broker"));
    }

    private static MessageHeader ParseHeader(string text)
    {
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0) throw new UsageException($"header '{text}' is not name=value");
        return new MessageHeader(text[..equals], text[(equals + 1)..]);
    }
}
