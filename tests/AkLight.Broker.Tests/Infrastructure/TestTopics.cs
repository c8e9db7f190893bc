using System.Text;

namespace AkLight.Broker.Tests.Infrastructure;

/// <summary>Unique names per test, so tests sharing one broker never see each other's data.</summary>
public static class TestTopics
{
    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public static string Text(byte[]? bytes) => bytes is null ? "<null>" : Encoding.UTF8.GetString(bytes);

    /// <summary>Fetches until <paramref name="count"/> messages arrived or the bounded wait ran out.</summary>
    public static async Task<List<ConsumedMessage>> FetchAtLeastAsync(this AkLight.Client.Consuming.ConsumerSession session, int count, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(20));
        var received = new List<ConsumedMessage>();
        while (received.Count < count && DateTime.UtcNow < deadline)
            received.AddRange(await session.FetchAsync(1000, TimeSpan.FromMilliseconds(500)));
        return received;
    }
}
