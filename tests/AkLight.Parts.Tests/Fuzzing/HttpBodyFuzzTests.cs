using System.Text.Encodings.Web;
using AkLight.Silo.Doors.Http.Errors;
using AkLight.Silo.Doors.Http.Groups;
using AkLight.Silo.Doors.Http.Json;
using AkLight.Silo.Doors.Http.Produce;
using AkLight.Silo.Doors.Http.Sessions;
using AkLight.Silo.Doors.Http.Topics;
using Microsoft.AspNetCore.Http;

namespace AkLight.Parts.Tests.Fuzzing;

/// <summary>
/// Request bodies of the HTTP door, generated and damaged, read as the door reads them: bound by System.Text.Json
/// with the door's options (a JsonException becomes 400 bad-json), then checked by the door's own readers
/// (<see cref="ProduceRequestReader"/>, <see cref="Durations"/>, names, filters, start positions, offsets). Every
/// outcome is a value or an error <see cref="ApiProblems"/> answers with a 4xx problem, never a 500.
/// </summary>
public sealed class HttpBodyFuzzTests
{
    private const int SeedBase = 20_261_500;
    private const int MaxMessageBytes = 1024 * 1024;

    /// <summary>The options ASP.NET Core binds bodies with (web defaults), as the door configures them.</summary>
    private static readonly JsonSerializerOptions DoorJson = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly IReadOnlyList<Body> Bodies =
    [
        new("produce", ["topic", "key", "keyEncoding", "payload", "encoding", "headers", "messages", "name", "value"], bytes =>
            ProduceRequestReader.Read(Required<ProduceRequest>(bytes), MaxMessageBytes)),
        new("create topic", ["topic", "partitions", "retention", "compact"], bytes =>
        {
            var request = Required<CreateTopicRequest>(bytes);
            if (request.Retention is not null) Durations.Parse(request.Retention, "retention");
            TopicName.Parse(request.Topic);
        }),
        new("retention", ["topic", "retention"], bytes =>
        {
            var request = Required<RetentionRequest>(bytes);
            TopicName.Parse(request.Topic);
            Durations.Parse(request.Retention, "retention");
        }),
        new("open session", ["id", "filters", "persistent", "from"], bytes =>
        {
            var request = Required<OpenSessionRequest>(bytes);
            foreach (var filter in request.Filters ?? []) TopicFilter.Parse(filter);
            if (request.From is not null) StartPosition.Parse(request.From);
        }),
        new("seek", ["topic", "partition", "offset", "time"], bytes =>
        {
            var request = Required<SeekRequest>(bytes);
            if (request.Time is not null) Durations.ParseTime(request.Time, "time");
            else TopicName.Parse(request.Topic);
        }),
        new("commit", ["offsets", "topic", "partition", "offset"], bytes => PartitionOffsetJson.ToOffsets(Bind<CommitRequest>(bytes)?.Offsets)),
        new("group commit", ["offsets", "topic", "partition", "offset"], bytes => PartitionOffsetJson.ToOffsets(Bind<GroupCommitRequest>(bytes)?.Offsets)),
        new("join group", ["memberId", "filters", "from"], bytes =>
        {
            foreach (var filter in Required<JoinGroupRequest>(bytes).Filters ?? []) TopicFilter.Parse(filter);
        }),
    ];

    private static readonly IReadOnlyList<(string Name, byte[] Bytes)> Corpus =
    [
        ("produce", """{"topic":"metrics/docker/host1/web-1/cpu","key":"web-1","payload":{"value":12.5},"headers":[{"name":"src","value":"curl"}]}"""u8.ToArray()),
        ("produce", """{"topic":"logs/app","messages":[{"payload":"line 1"},{"key":"k","payload":"AAEC","encoding":"base64"}]}"""u8.ToArray()),
        ("create topic", """{"topic":"logs/app","partitions":4,"retention":"P7D","compact":false}"""u8.ToArray()),
        ("retention", """{"topic":"logs/app","retention":"12:00:00"}"""u8.ToArray()),
        ("open session", """{"id":"dash","filters":["metrics/docker/#"],"persistent":true,"from":"earliest"}"""u8.ToArray()),
        ("seek", """{"topic":"logs/app","partition":0,"offset":42}"""u8.ToArray()),
        ("commit", """{"offsets":[{"topic":"logs/app","partition":0,"offset":43}]}"""u8.ToArray()),
        ("join group", """{"memberId":"w1","filters":["orders/#"],"from":"latest"}"""u8.ToArray()),
    ];

    /// <summary>
    /// Each contract read once, well and badly, so what the first use builds (JSON metadata, the first exception of
    /// each kind) is not counted against a fuzzed body.
    /// </summary>
    static HttpBodyFuzzTests()
    {
        foreach (var (name, bytes) in Corpus) Find(name).Read(bytes);
        foreach (var body in Bodies)
            foreach (var json in new[] { "{}", "null", "{", "[1]", """{"topic":1}""", """{"topic":"#"}""" })
                Record.Exception(() => body.Read(Encoding.UTF8.GetBytes(json)));
    }

    [Fact]
    public void The_corpus_is_read()
    {
        foreach (var (name, bytes) in Corpus) Find(name).Read(bytes);
    }

    [Theory]
    [InlineData("payload", """{"topic":"logs/app","payload":"<FF>"}""")]
    [InlineData("payload", """{"topic":"logs/app","payload":{"v":"<FF>"}}""")]
    [InlineData("messages[1].payload", """{"topic":"logs/app","messages":[{"payload":"ok"},{"payload":["<FF>"]}]}""")]
    public void A_payload_that_is_not_utf8_is_a_bad_request_naming_it(string field, string body)
    {
        // The JSON reader does not check the bytes of a string it keeps as a JsonElement: <FF> becomes a lone 0xFF byte.
        var parts = body.Split("<FF>");
        var bytes = Encoding.UTF8.GetBytes(parts[0]).Concat(parts.Skip(1).SelectMany(p => (byte[])[0xFF, .. Encoding.UTF8.GetBytes(p)])).ToArray();
        var error = Assert.IsType<ArgumentException>(Record.Exception(() => Find("produce").Read(bytes)));
        Assert.Equal(400, ApiProblems.From(error).Status);
        Assert.StartsWith($"{field} is not valid UTF-8", error.Message);
    }

    [Fact]
    public void Generated_bodies_are_read_or_answered_with_a_client_error()
    {
        for (var b = 0; b < Bodies.Count; b++)
        {
            var body = Bodies[b];
            var seedBase = SeedBase + b * 10_000;
            var inputs = Enumerable.Range(seedBase, 500).Select(seed =>
            {
                var random = new Random(seed);
                var json = new JsonBodies(random);
                return ($"{body.Name}, seed {seed}", json.Utf8(random.Next(10) == 0 ? json.Value(3, body.Fields) : json.Shaped(body.Fields)));
            });
            FuzzRun.Check(inputs, body.Read, IsClientError);
        }
    }

    [Fact]
    public void Mutated_bodies_are_read_or_answered_with_a_client_error()
    {
        foreach (var group in Corpus.GroupBy(c => c.Name))
        {
            var corpus = group.ToList();
            FuzzRun.Check(FuzzRun.Mutants(corpus, iterations: 1_500, SeedBase + 100_000).Concat(FuzzRun.Truncations(corpus)), Find(group.Key).Read, IsClientError);
        }
    }

    [Theory]
    [InlineData("""{"offsets":[null]}""", "offsets[0]")]
    [InlineData("""{"offsets":[{"topic":"logs/app","partition":0,"offset":1},{"partition":0}]}""", "offsets[1]")]
    public void A_commit_offset_that_is_null_or_has_no_topic_is_a_bad_request_naming_it(string body, string field)
    {
        var error = Assert.IsType<ArgumentException>(Record.Exception(() => Find("commit").Read(Encoding.UTF8.GetBytes(body))));
        Assert.Equal(400, ApiProblems.From(error).Status);
        Assert.StartsWith(field, error.Message);
    }

    [Theory]
    [InlineData("""{"topic":"logs/app","retention":"P99999999999999D"}""")]
    [InlineData("""{"topic":"logs/app","retention":"PT99999999999999999H"}""")]
    [InlineData("""{"topic":"logs/app","retention":"-P99999999999D"}""")]
    public void A_duration_too_long_for_a_timespan_is_a_bad_request(string body)
    {
        var error = Record.Exception(() => Find("retention").Read(Encoding.UTF8.GetBytes(body)));
        Assert.Equal(400, ApiProblems.From(Assert.IsType<ArgumentException>(error)).Status);
    }

    private static Body Find(string name) => Bodies.Single(b => b.Name == name);

    /// <summary>Binds as ASP.NET Core does; what it answers a JsonException with is the door's 400 bad-json.</summary>
    private static T? Bind<T>(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        return JsonSerializer.Deserialize<T>(stream, DoorJson);
    }

    /// <summary>A body the endpoint requires: ASP.NET Core answers a <c>null</c> one with 400 before the endpoint runs.</summary>
    private static T Required<T>(byte[] bytes) => Bind<T>(bytes) ?? throw new BadHttpRequestException($"Required parameter \"{typeof(T).Name} request\" was not provided from body.");

    /// <summary>An error the door answers with a client error: the JSON reader's, or one its problem mapping gives a 4xx status.</summary>
    private static bool IsClientError(Exception error) => ApiProblems.From(error).Status is >= 400 and < 500;

    private sealed record class Body(string Name, string[] Fields, Action<byte[]> Read);
}
