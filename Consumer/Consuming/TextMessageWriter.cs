namespace AkLight.Consumer.Consuming;

/// <summary>
/// One readable line per message: <c>topic[partition]@offset key=K payload</c>. Control characters are
/// escaped so a message never spans lines; bytes that are not UTF-8 show as <c>base64:…</c>, null as <c>(null)</c>.
/// </summary>
internal sealed class TextMessageWriter(TextWriter output) : IMessageWriter
{
    public void Write(ConsumedMessage message)
    {
        output.WriteLine($"{message.Topic}[{message.Partition}]@{message.Offset} key={Render(message.Key)} {Render(message.Payload)}");
        output.Flush();
    }

    private static string Render(byte[]? bytes)
    {
        if (bytes is null) return "(null)";
        if (!Utf8Text.TryDecode(bytes, out var text)) return "base64:" + Convert.ToBase64String(bytes);
        if (!text.Any(char.IsControl)) return text;
        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            escaped.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }
        return escaped.ToString();
    }
}
