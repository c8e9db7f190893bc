namespace AkLight.Bench.Measure;

/// <summary>A growable set of sequence numbers (a bitmap). Not thread-safe.</summary>
internal sealed class SequenceSet
{
    private ulong[] _bits = new ulong[1024];

    /// <summary>Adds <paramref name="sequence"/>; false when it was already there.</summary>
    public bool Add(long sequence)
    {
        var word = (int)(sequence >> 6);
        if (word >= _bits.Length) Array.Resize(ref _bits, Math.Max(word + 1, _bits.Length * 2));
        var mask = 1UL << (int)(sequence & 63);
        if ((_bits[word] & mask) != 0) return false;
        _bits[word] |= mask;
        return true;
    }

    public bool Contains(long sequence)
    {
        var word = (int)(sequence >> 6);
        return word < _bits.Length && (_bits[word] & (1UL << (int)(sequence & 63))) != 0;
    }
}
