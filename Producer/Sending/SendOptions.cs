using System.Text;
using AkLight.CommandLine;

namespace AkLight.Producer.Sending;

/// <summary>What <c>send</c> was asked to do, checked before anything is sent.</summary>
/// <param name="Topic">The topic to publish to (a valid name, no wildcards).</param>
/// <param name="Key">The UTF-8 key for every message, or null to spread them over partitions.</param>
/// <param name="Count">With <paramref name="Message"/>, how many times to send it; otherwise the most stdin lines to send.</param>
/// <param name="Message">The text to send, or null to send one message per stdin line.</param>
/// <param name="Headers">Headers added to every message.</param>
/// <param name="Brokers">Broker addresses; empty means <c>AKLIGHT_BROKERS</c> or the default.</param>
internal sealed record class SendOptions(
    string Topic,
    byte[]? Key,
    int? Count,
    string? Message,
    IReadOnlyList<MessageHeader> Headers,
    IReadOnlyList<string> Brokers)
{
    public static readonly string[] ValueOptions = ["topic", "key", "count", "message", "header", "broker"];

    /// <summary>Reads the options of <c>send</c>; throws <see cref="UsageException"/> for anything wrong.</summary>
    public static SendOptions From(ParsedArguments args)
    {
        var topic = args.Required("topic");
        var topicError = TopicName.Validate(topic);
        if (topicError is not null) throw new UsageException(topicError);
        var key = args.Single("key");
        return new SendOptions(
            topic,
            key is null ? null : Encoding.UTF8.GetBytes(key),
            args.PositiveInt("count"),
            args.Single("message"),
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
