namespace AkLight.Producer.Stress;

/// <summary>Holds <c>megabytes</c> MiB of memory, every page written once so it is really resident, until disposed.</summary>
internal sealed class MemoryLoad : IDisposable
{
    private const int Chunk = 1024 * 1024;
    private const int Page = 4096;

    private List<byte[]>? _chunks;

    public MemoryLoad(int megabytes)
    {
        _chunks = new List<byte[]>(megabytes);
        for (var i = 0; i < megabytes; i++)
        {
            // Unzeroed arrays are not touched by the runtime; writing each page makes the kernel back it.
            var chunk = GC.AllocateUninitializedArray<byte>(Chunk);
            for (var offset = 0; offset < Chunk; offset += Page) chunk[offset] = 1;
            _chunks.Add(chunk);
        }
    }

    /// <summary>Lets the memory go, and asks the runtime to give it back to the system.</summary>
    public void Dispose()
    {
        if (_chunks is null) return;
        _chunks = null;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }
}
