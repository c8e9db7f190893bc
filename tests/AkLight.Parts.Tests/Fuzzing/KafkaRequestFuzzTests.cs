using AkLight.Silo.Doors.Kafka.Apis;
using AkLight.Silo.Doors.Kafka.Protocol;

namespace AkLight.Parts.Tests.Fuzzing;

/// <summary>
/// Kafka request frames, valid ones damaged, fed to what the door does with a frame: <see cref="KafkaRequests.Parse"/>
/// (header, API and version), then the request type's own reading of its body. Only the protocol's errors may come
/// out, and no declared length is believed beyond the bytes that are there.
/// </summary>
public sealed class KafkaRequestFuzzTests
{
    private const int SeedBase = 20_261_200;

    [Fact]
    public void The_corpus_is_read_to_the_principal_check()
    {
        foreach (var (name, frame) in KafkaFrames.Corpus)
        {
            var outcome = Record.Exception(() => Answer(frame, mechanism: null));
            Assert.True(outcome is null or AuthenticationRequiredException, $"{name}: {outcome}");
        }
    }

    [Fact]
    public void Mutated_frames_get_only_protocol_errors_and_bounded_allocation()
    {
        var refused = FuzzRun.Check(FuzzRun.Mutants(KafkaFrames.Corpus, iterations: 30_000, SeedBase, keep: 4), Decode, IsProtocolError);
        Assert.True(refused > 1_000, $"only {refused} mutants were refused: the mutations do not reach the readers");
    }

    [Fact]
    public void Every_length_field_that_lies_is_refused_before_it_is_allocated() =>
        FuzzRun.Check(FuzzRun.LyingLengths(KafkaFrames.Corpus, from: 4), Decode, IsProtocolError, perInputByte: 32);

    [Fact]
    public void Every_frame_cut_short_gets_a_protocol_error() =>
        FuzzRun.Check(FuzzRun.Truncations(KafkaFrames.Corpus), Decode, IsProtocolError);

    [Fact]
    public void Random_bytes_behind_a_valid_header_get_only_protocol_errors()
    {
        var inputs = Enumerable.Range(0, 5_000).Select(i =>
        {
            var random = new Random(SeedBase + 100_000 + i);
            var (name, frame) = KafkaFrames.Corpus[random.Next(KafkaFrames.Corpus.Count)];
            return ($"{name} with random body, seed {SeedBase + 100_000 + i}", (byte[])[.. frame[..KafkaFrames.HeaderBytes], .. Mutations.RandomBytes(random, random.Next(64))]);
        });
        FuzzRun.Check(inputs, Decode, IsProtocolError);
    }

    /// <summary>What the door may answer a frame with: a protocol error, or the principal check that ends the body reading.</summary>
    private static bool IsProtocolError(Exception error) => error is KafkaProtocolException or RequestRefusedException or AuthenticationRequiredException;

    private static void Decode(byte[] frame) =>
        Answer(frame, (frame.Length & 1) == 0 ? SaslHandshakeApi.Plain : SaslHandshakeApi.ScramSha256);

    private static void Answer(byte[] frame, string? mechanism)
    {
        var (request, api) = KafkaRequests.Parse(frame, KafkaDoorWithoutSilo.Apis, KafkaDoorWithoutSilo.SignedIn());
        var answering = api.HandleAsync(request with { Connection = KafkaDoorWithoutSilo.Authenticating(mechanism) }, new KafkaWriter());
        Assert.True(answering.IsCompleted, $"{request.Key} v{request.Version} went past reading its request without a principal");
        answering.GetAwaiter().GetResult();
    }
}
