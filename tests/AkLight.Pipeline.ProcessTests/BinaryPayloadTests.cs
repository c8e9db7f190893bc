namespace AkLight.Pipeline.ProcessTests;

/// <summary>
/// <c>Producer send</c> with binary payloads: a file's bytes as they are (<c>--payload-file</c>), and base64 given
/// on the command line or per stdin line (<c>--base64</c>), come back byte for byte through the consumer tool.
/// </summary>
public sealed class BinaryPayloadTests
{
    [Fact]
    public async Task A_file_and_base64_payloads_are_stored_byte_for_byte()
    {
        await using var silo = await SiloProcess.StartAsync();
        // One key: every message of a topic in one partition, so offsets say the order.
        var everyByte = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();   // not UTF-8, has NULs and line breaks
        var file = Path.GetTempFileName();
        await File.WriteAllBytesAsync(file, everyByte);
        try
        {
            var fromFile = await Tools.ProducerAsync(["send", "--topic", "bin/file", "--key", "k", "--payload-file", file, "--count", "2", "--broker", silo.Broker]);
            Assert.True(fromFile.ExitCode == 0, fromFile.ToString());
            Assert.Equal(2, fromFile.JsonLines.Count);

            var small = new byte[] { 0, 1, 2, 0xFF, 0xFE };
            var fromMessage = await Tools.ProducerAsync(["send", "--topic", "bin/base64", "--key", "k", "--base64", "--message", Convert.ToBase64String(small), "--broker", silo.Broker]);
            Assert.True(fromMessage.ExitCode == 0, fromMessage.ToString());
            var fromLines = await Tools.ProducerAsync(["send", "--topic", "bin/base64", "--key", "k", "--base64", "--broker", silo.Broker],
                stdin: $"{Convert.ToBase64String([0x80, 0x81])}\n{Convert.ToBase64String(everyByte)}\n");
            Assert.True(fromLines.ExitCode == 0, fromLines.ToString());

            var consumed = await Tools.ConsumerAsync(["--filter", "bin/#", "--from", "earliest", "--max", "5", "--json", "--broker", silo.Broker]);
            Assert.True(consumed.ExitCode == 0, consumed.ToString());
            byte[] Payload(string topic, long offset)
            {
                var message = Assert.Single(consumed.JsonLines, m => m.GetProperty("topic").GetString() == topic && m.GetProperty("offset").GetInt64() == offset);
                Assert.Equal("base64", message.GetProperty("encoding").GetString());
                return Convert.FromBase64String(message.GetProperty("payload").GetString()!);
            }
            Assert.Equal(everyByte, Payload("bin/file", 0));
            Assert.Equal(everyByte, Payload("bin/file", 1));
            Assert.Equal(small, Payload("bin/base64", 0));
            Assert.Equal(new byte[] { 0x80, 0x81 }, Payload("bin/base64", 1));
            Assert.Equal(everyByte, Payload("bin/base64", 2));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Bad_binary_input_is_refused_naming_the_problem()
    {
        var broker = $"127.0.0.1:{FreePorts.Pick()}"; // refused before connecting: no broker needed
        var badMessage = await Tools.ProducerAsync(["send", "--topic", "bin/x", "--base64", "--message", "not base64!", "--broker", broker]);
        Assert.Equal(2, badMessage.ExitCode);
        Assert.Contains("--message: not valid base64", Assert.Single(badMessage.Stderr), StringComparison.Ordinal);

        var missing = await Tools.ProducerAsync(["send", "--topic", "bin/x", "--payload-file", "/nonexistent/payload.bin", "--broker", broker]);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("--payload-file: cannot read '/nonexistent/payload.bin'", Assert.Single(missing.Stderr), StringComparison.Ordinal);

        var both = await Tools.ProducerAsync(["send", "--topic", "bin/x", "--message", "a", "--payload-file", "/tmp/x", "--broker", broker]);
        Assert.Equal(2, both.ExitCode);
        Assert.Contains("--message or --payload-file, not both", Assert.Single(both.Stderr), StringComparison.Ordinal);
    }
}
