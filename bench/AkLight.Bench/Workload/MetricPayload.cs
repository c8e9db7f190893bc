using System.Text;

namespace AkLight.Bench.Workload;

/// <summary>
/// The 200-byte JSON metric message. Its first fields, at fixed positions, are the producer id, the sequence
/// number and the send timestamp (<see cref="System.Diagnostics.Stopwatch"/> ticks of this process), so the
/// consumer can count lost and duplicated messages and measure latency without a JSON parser:
/// <c>{"producer":000001,"seq":000000000042,"sent":0000012345678901234,"host":...,"value":00042.000,"pad":"..."}</c>
/// </summary>
internal static class MetricPayload
{
    public const int Size = 200;

    private const string Head = "{\"producer\":";
    private const int ProducerAt = 12;
    private const int ProducerDigits = 6;
    private const int SeqAt = ProducerAt + ProducerDigits + 7;      // ,"seq":
    private const int SeqDigits = 12;
    private const int SentAt = SeqAt + SeqDigits + 8;               // ,"sent":
    private const int SentDigits = 19;

    /// <summary>A topic's message with every field but the numbers filled in.</summary>
    public sealed class Template(byte[] bytes, int valueAt)
    {
        internal byte[] Bytes { get; } = bytes;

        internal int ValueAt { get; } = valueAt;
    }

    public static Template CreateTemplate(string host, string container, string metric)
    {
        var numbers = $"{Head}{new string('0', ProducerDigits)},\"seq\":{new string('0', SeqDigits)},\"sent\":{new string('0', SentDigits)}";
        var body = $",\"host\":\"{host}\",\"container\":\"{container}\",\"metric\":\"{metric}\",\"value\":";
        const string value = "00000.000";
        var withoutPad = numbers + body + value + ",\"pad\":\"\"}";
        var pad = Size - Encoding.UTF8.GetByteCount(withoutPad);
        if (pad < 0) throw new ArgumentException($"names too long for a {Size}-byte message: {host}/{container}/{metric}");
        var text = numbers + body + value + ",\"pad\":\"" + new string('x', pad) + "\"}";
        var bytes = Encoding.UTF8.GetBytes(text);
        return new Template(bytes, Encoding.UTF8.GetByteCount(numbers + body));
    }

    /// <summary>A new message from <paramref name="template"/> with these numbers.</summary>
    public static byte[] Write(Template template, int producer, long seq, long sentTimestamp)
    {
        var bytes = (byte[])template.Bytes.Clone();
        WriteDigits(bytes.AsSpan(ProducerAt, ProducerDigits), producer);
        WriteDigits(bytes.AsSpan(SeqAt, SeqDigits), seq);
        WriteDigits(bytes.AsSpan(SentAt, SentDigits), sentTimestamp);
        var value = seq % 100_000_000;
        WriteDigits(bytes.AsSpan(template.ValueAt, 5), value / 1000);
        WriteDigits(bytes.AsSpan(template.ValueAt + 6, 3), value % 1000);
        return bytes;
    }

    /// <summary>Reads the numbers of a message written by <see cref="Write"/>; false for anything else.</summary>
    public static bool TryRead(ReadOnlySpan<byte> message, out int producer, out long seq, out long sentTimestamp)
    {
        producer = 0;
        seq = 0;
        sentTimestamp = 0;
        if (message.Length != Size || !message.StartsWith("{\"producer\":"u8)) return false;
        if (!TryDigits(message.Slice(ProducerAt, ProducerDigits), out var p)
            || !TryDigits(message.Slice(SeqAt, SeqDigits), out seq)
            || !TryDigits(message.Slice(SentAt, SentDigits), out sentTimestamp)) return false;
        producer = (int)p;
        return true;
    }

    private static void WriteDigits(Span<byte> target, long value)
    {
        if (value < 0) throw new ArgumentOutOfRangeException(nameof(value), value, "cannot be negative");
        for (var i = target.Length - 1; i >= 0; i--)
        {
            target[i] = (byte)('0' + value % 10);
            value /= 10;
        }
        if (value != 0) throw new ArgumentOutOfRangeException(nameof(value), "does not fit its field");
    }

    private static bool TryDigits(ReadOnlySpan<byte> digits, out long value)
    {
        value = 0;
        foreach (var d in digits)
        {
            if (d is < (byte)'0' or > (byte)'9') return false;
            value = value * 10 + (d - '0');
        }
        return true;
    }
}
