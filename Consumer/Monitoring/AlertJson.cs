using System.Text.Encodings.Web;
using System.Text.Json;

namespace AkLight.Consumer.Monitoring;

/// <summary>
/// An alert as it is published to <c>alerts/{host}/{container}/{rule}</c> and POSTed to the webhook:
/// <c>{"rule","host","container","firing","value","at","message"}</c>, keyed <c>{host}/{container}</c>.
/// <c>value</c> is the reading that fired or cleared the rule (for <c>silence</c>: the seconds of quiet; null
/// when there is none); <c>at</c> is UTC ISO-8601.
/// </summary>
internal static class AlertJson
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The message key: one container's alerts share it, so they stay in order.</summary>
    public static string Key(AlertEvent alert) => $"{alert.Host}/{alert.Container}";

    public static byte[] Payload(AlertEvent alert)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteString("rule", alert.Rule);
            json.WriteString("host", alert.Host);
            json.WriteString("container", alert.Container);
            json.WriteBoolean("firing", alert.Firing);
            if (alert.Value is { } value && double.IsFinite(value)) json.WriteNumber("value", value);
            else json.WriteNull("value");
            json.WriteString("at", Timestamp(alert.At));
            json.WriteString("message", alert.Message);
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    public static string PayloadText(AlertEvent alert) => Encoding.UTF8.GetString(Payload(alert));

    private static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}
