using AkLight.Client.Producing;

namespace AkLight.Producer.Sending;

/// <summary>Writes one compact JSON line per acknowledged message, flushed at once so scripts can read it live.</summary>
internal sealed class AckWriter(TextWriter output)
{
    private readonly JsonLines _lines = new(output);

    /// <summary>Writes <c>{"topic":"..","partition":0,"offset":12}</c>.</summary>
    public void Write(DeliveryResult ack) => _lines.Write(ack, static (json, a) =>
    {
        json.WriteString("topic", a.Topic);
        json.WriteNumber("partition", a.Partition);
        json.WriteNumber("offset", a.Offset);
    });
}
