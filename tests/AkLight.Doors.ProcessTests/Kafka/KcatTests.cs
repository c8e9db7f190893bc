namespace AkLight.Doors.ProcessTests.Kafka;

/// <summary>Debian's kcat against the Kafka door: keyed produce, metadata, consume from beginning, end, offset and time, and a group.</summary>
public sealed class KcatTests(KafkaSilo kafka) : KafkaSiloTest(kafka)
{
    [Fact]
    public async Task Kcat_produces_keyed_messages_and_reads_them_back_every_way()
    {
        var topic = Names.Unique("kcat") + "/docker/web-1";
        var before = DateTimeOffset.UtcNow.AddSeconds(-1).ToUnixTimeMilliseconds();
        await Kcat.RunAsync(Kafka.Bootstrap, $"-P -t {topic} -K: -p 0 -H source=kcat", "k1:one\nk2:two\nk3:three\n");

        var listing = await Kcat.RunAsync(Kafka.Bootstrap, $"-L -t {topic}");
        Assert.Contains($"topic \"{topic}\" with {KafkaSilo.DefaultPartitions} partitions", listing);

        // check.crcs: librdkafka verifies the CRC-32C of the batches the door writes.
        var all = await Kcat.RunAsync(Kafka.Bootstrap, $"-C -t {topic} -p 0 -o beginning -e -q -X check.crcs=true -f \"%o %k=%s %h\\n\"");
        Assert.Equal(["0 k1=one source=kcat", "1 k2=two source=kcat", "2 k3=three source=kcat"], Lines(all));
        var fromOffset = await Kcat.RunAsync(Kafka.Bootstrap, $"-C -t {topic} -p 0 -o 2 -e -q -f \"%s\\n\"");
        Assert.Equal(["three"], Lines(fromOffset));
        var fromTime = await Kcat.RunAsync(Kafka.Bootstrap, $"-C -t {topic} -p 0 -o s@{before} -e -q -f \"%s\\n\"");
        Assert.Equal(["one", "two", "three"], Lines(fromTime));
        var fromEnd = await Kcat.RunAsync(Kafka.Bootstrap, $"-C -t {topic} -p 0 -o end -e -q -f \"%s\\n\"");
        Assert.Empty(Lines(fromEnd));

        // What kcat produced is the same log the HTTP door reads.
        var overHttp = await Kafka.Http.GetJsonAsync($"api/messages?topic={Q(topic)}&partition=0");
        Assert.Equal(["one", "two", "three"], overHttp.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("payload").GetString()!).ToArray());
    }

    [Fact]
    public async Task Kcat_group_consumption_commits_and_resumes_after_the_commit()
    {
        var topic = Names.Unique("kcatgroup") + "/events";
        var group = Names.Unique("kcat-group");
        using (var produced = await Kafka.Http.PostJsonAsync("api/produce", new { topic, messages = new[] { new { key = "a", payload = "first" }, new { key = "b", payload = "second" } } }))
            await produced.JsonAsync();

        var first = await Kcat.RunAsync(Kafka.Bootstrap, $"-G {group} -X auto.offset.reset=earliest -e -q -f \"%s\\n\" {topic}");
        Assert.Equal(["first", "second"], Lines(first).Order().ToArray());

        using (var more = await Kafka.Http.PostJsonAsync("api/produce", new { topic, key = "a", payload = "third" }))
            await more.JsonAsync();
        var second = await Kcat.RunAsync(Kafka.Bootstrap, $"-G {group} -X auto.offset.reset=earliest -e -q -f \"%s\\n\" {topic}");
        Assert.Equal(["third"], Lines(second));
    }

    private static string[] Lines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
