using System.Globalization;

namespace AkLight.Parts.Tests.Fuzzing;

/// <summary>
/// Request bodies for the HTTP door, generated from a seed: objects with a contract's own field names holding
/// values that are right, wrong, deep, huge or not UTF-8, so the generated bodies get past the JSON reader into
/// the door's own checks.
/// </summary>
internal sealed class JsonBodies(Random random)
{
    private static readonly string[] Texts =
    [
        "logs/app", "metrics/docker/+/web-1/#", "orders/#", "", " ", "#", "+", "a/+/b", "/", "$share/g/x", "base64", "text", "utf-8",
        "hex", "AAEC", "not base64!", "earliest", "latest", "2026-11-25T12:00:00Z", "9999-99-99", "P7D", "PT1H", "-P1D", "7.00:00:00",
        "P99999999999999D", "PT99999999999999999H", "10675199.02:48:05.4775807", "-10675199.02:48:05.4775808", "1e400", "\u0000",
        "\ud800", "x\udfffy", "\u202e", "null", "logs/\u00e9t\u00e9",
    ];

    private static readonly string[] Numbers =
    [
        "0", "-1", "1", "2147483647", "2147483648", "-2147483649", "9223372036854775807", "9223372036854775808", "1e400", "-1e400",
        "1.5", "1e2", "0.0000000001", "123456789012345678901234567890", "-0", "NaN", "Infinity",
    ];

    /// <summary>An object with some of <paramref name="fields"/> (and perhaps a stray one), each holding a generated value.</summary>
    public string Shaped(IReadOnlyList<string> fields, int depth = 3)
    {
        var text = new StringBuilder("{");
        var chosen = fields.Where(_ => random.Next(4) != 0).ToList();
        if (random.Next(8) == 0) chosen.Add("extra");
        for (var i = 0; i < chosen.Count; i++)
        {
            if (i > 0) text.Append(',');
            text.Append(Quote(random.Next(10) == 0 ? chosen[i].ToUpperInvariant() : chosen[i])).Append(':').Append(Value(depth, fields));
        }
        return text.Append('}').ToString();
    }

    /// <summary>A JSON value: a scalar, a string of any size, or an array or object nested up to <paramref name="depth"/>.</summary>
    public string Value(int depth, IReadOnlyList<string>? fields = null) => random.Next(12) switch
    {
        0 => "null",
        1 => random.Next(2) == 0 ? "true" : "false",
        2 => Numbers[random.Next(Numbers.Length)],
        3 => random.Next(int.MinValue, int.MaxValue).ToString(CultureInfo.InvariantCulture),
        4 => Quote(new string((char)random.Next(32, 0x3000), random.Next(1, 70_000))),
        5 => Deep(random.Next(2, 400)),
        6 when depth > 0 => "[" + string.Join(',', Enumerable.Range(0, random.Next(4)).Select(_ => Value(depth - 1, fields))) + "]",
        7 when depth > 0 && fields is not null => Shaped(fields, depth - 1),
        _ => Quote(Texts[random.Next(Texts.Length)]),
    };

    /// <summary>Arrays or objects nested <paramref name="levels"/> deep, past the reader's depth limit of 64 when many.</summary>
    public string Deep(int levels) => random.Next(2) == 0
        ? new string('[', levels) + new string(']', levels)
        : string.Concat(Enumerable.Repeat("{\"a\":", levels)) + "1" + new string('}', levels);

    /// <summary>The UTF-8 bytes of <paramref name="json"/>, sometimes with a byte that is not UTF-8 put into a string.</summary>
    public byte[] Utf8(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        if (random.Next(6) != 0) return bytes;
        var quote = Array.IndexOf(bytes, (byte)'"', random.Next(bytes.Length));
        if (quote < 0) return bytes;
        byte[] invalid = random.Next(3) switch { 0 => [0xFF], 1 => [0xC3], _ => [0xED, 0xA0, 0x80] };
        return [.. bytes[..(quote + 1)], .. invalid, .. bytes[(quote + 1)..]];
    }

    private static string Quote(string text) => JsonSerializer.Serialize(text);
}
