namespace AkLight.Pipeline.ProcessTests;

/// <summary>Messages sent with the producer tool come back, unchanged and in order, through the consumer tool.</summary>
public sealed class ProduceConsumeTests
{
    [Fact]
    public async Task Produced_messages_are_consumed_in_offset_order()
    {
        await using var silo = await SiloProcess.StartAsync();

        var send = await Tools.ProducerAsync(["send", "--topic", "e2e/a", "--count", "5", "--message", "hello", "--key", "k1", "--broker", silo.Broker]);

        Assert.True(send.ExitCode == 0, send.ToString());
        var acks = send.JsonLines;
        Assert.Equal(5, acks.Count);
        Assert.All(acks, ack => Assert.Equal("e2e/a", ack.GetProperty("topic").GetString()));
        var partition = acks[0].GetProperty("partition").GetInt32();
        Assert.All(acks, ack => Assert.Equal(partition, ack.GetProperty("partition").GetInt32())); // one key, one partition
        Assert.Equal([0L, 1, 2, 3, 4], acks.Select(a => a.GetProperty("offset").GetInt64()));
        Assert.All(send.Stdout, line => Assert.DoesNotContain(' ', line)); // compact JSON

        var consume = await Tools.ConsumerAsync(["--filter", "e2e/#", "--from", "earliest", "--max", "5", "--json", "--broker", silo.Broker]);

        Assert.True(consume.ExitCode == 0, consume.ToString());
        var messages = consume.JsonLines;
        Assert.Equal(5, messages.Count);
        Assert.Equal([0L, 1, 2, 3, 4], messages.Select(m => m.GetProperty("offset").GetInt64()));
        Assert.All(messages, m =>
        {
            Assert.Equal("e2e/a", m.GetProperty("topic").GetString());
            Assert.Equal(partition, m.GetProperty("partition").GetInt32());
            Assert.Equal("k1", m.GetProperty("key").GetString());
            Assert.Equal("hello", m.GetProperty("payload").GetString());
            Assert.False(m.TryGetProperty("encoding", out _));
            Assert.False(m.TryGetProperty("keyEncoding", out _));
            var timestamp = DateTimeOffset.Parse(m.GetProperty("timestamp").GetString()!, CultureInfo.InvariantCulture);
            Assert.Equal(TimeSpan.Zero, timestamp.Offset);
            Assert.True(timestamp > DateTimeOffset.UtcNow.AddMinutes(-5), $"timestamp {timestamp:O} is not recent");
        });
        Assert.Equal(JsonValueKind.Number, messages[0].GetProperty("partition").ValueKind);
    }
}
