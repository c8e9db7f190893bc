namespace AkLight.Parts.Tests.Fuzzing;

/// <summary>
/// Runs a decoder over many inputs and checks each outcome: only the exception types the decoder documents may
/// escape, and what one input allocates stays within a bound proportional to its size (a declared length is not
/// believed). A failure names the case's seed and bytes, to be kept as a regression test.
/// </summary>
internal static class FuzzRun
{
    /// <summary>Bytes one input may allocate: <paramref name="perInputByte"/> per byte of input, plus a constant.</summary>
    public static long Bound(int inputLength, int perInputByte = 64, int constant = 128 * 1024) => (long)inputLength * perInputByte + constant;

    /// <summary>
    /// Runs <paramref name="decode"/> on each input; fails on an exception that <paramref name="allowed"/> does not
    /// accept, or an allocation over <see cref="Bound"/>. Returns how many inputs were refused with an allowed error.
    /// </summary>
    public static int Check(IEnumerable<(string Case, byte[] Input)> inputs, Action<byte[]> decode, Func<Exception, bool> allowed, int perInputByte = 64)
    {
        var refused = 0;
        foreach (var (name, input) in inputs)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            Exception? failure = null;
            try
            {
                decode(input);
            }
            catch (Exception error)
            {
                failure = error;
            }
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            if (failure is not null && !allowed(failure))
                Assert.Fail($"{name}: {failure.GetType().Name} escaped ({failure.Message}) for input {Convert.ToHexString(input)}\n{failure}");
            if (failure is not null && string.IsNullOrWhiteSpace(failure.Message))
                Assert.Fail($"{name}: {failure.GetType().Name} without a message for input {Convert.ToHexString(input)}");
            var bound = Bound(input.Length, perInputByte);
            if (allocated > bound)
                Assert.Fail($"{name}: {allocated} bytes allocated for {input.Length} bytes of input (bound {bound}): {Convert.ToHexString(input)}");
            if (failure is not null) refused++;
        }
        return refused;
    }

    /// <summary><paramref name="iterations"/> mutants of the corpus, case i from seed <paramref name="seedBase"/> + i.</summary>
    public static IEnumerable<(string Case, byte[] Input)> Mutants(IReadOnlyList<(string Name, byte[] Bytes)> corpus, int iterations, int seedBase, int keep = 0)
    {
        for (var i = 0; i < iterations; i++)
        {
            var seed = seedBase + i;
            var random = new Random(seed);
            var (name, bytes) = corpus[random.Next(corpus.Count)];
            yield return ($"{name} mutant, seed {seed}", Mutations.Mutate(bytes, random, keep));
        }
    }

    /// <summary>Every corpus entry with each lying int16 and int32 written at every position: each length field lies once.</summary>
    public static IEnumerable<(string Case, byte[] Input)> LyingLengths(IReadOnlyList<(string Name, byte[] Bytes)> corpus, int from = 0)
    {
        foreach (var (name, bytes) in corpus)
            for (var at = from; at < bytes.Length; at++)
            {
                foreach (var value in Mutations.LyingInt16s)
                    if (at + 2 <= bytes.Length) yield return ($"{name} int16 {value} at {at}", Mutations.WriteAt(bytes, at, value, 2));
                foreach (var value in Mutations.LyingInt32s)
                    if (at + 4 <= bytes.Length) yield return ($"{name} int32 {value} at {at}", Mutations.WriteAt(bytes, at, value, 4));
            }
    }

    /// <summary>Every prefix of every corpus entry: input cut short at each byte.</summary>
    public static IEnumerable<(string Case, byte[] Input)> Truncations(IReadOnlyList<(string Name, byte[] Bytes)> corpus)
    {
        foreach (var (name, bytes) in corpus)
            for (var length = 0; length < bytes.Length; length++)
                yield return ($"{name} cut at {length}", bytes[..length]);
    }
}
