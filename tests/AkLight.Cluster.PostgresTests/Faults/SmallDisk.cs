namespace AkLight.Cluster.PostgresTests.Faults;

/// <summary>
/// A small tmpfs mounted on a temp folder (root only), and a ballast file that takes all of its free space and
/// gives it back: a disk that really fills up under a silo.
/// </summary>
public sealed class SmallDisk : IAsyncDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(30);
    private readonly string _ballast;

    private SmallDisk(string path)
    {
        Path = path;
        _ballast = System.IO.Path.Combine(path, "ballast");
    }

    public string Path { get; }

    /// <summary>Mounting needs root; elsewhere there is no small disk to fill.</summary>
    public static bool CanMount => Environment.UserName == "root";

    public static async Task<SmallDisk> MountAsync(int megabytes)
    {
        var path = Directory.CreateTempSubdirectory("aklight-small-disk-").FullName;
        await Command.RunAsync("mount", ["-t", "tmpfs", "-o", $"size={megabytes}m", "tmpfs", path], CommandTimeout);
        return new SmallDisk(path);
    }

    /// <summary>Writes the ballast until the disk refuses more; returns its size.</summary>
    public long Fill()
    {
        var chunk = new byte[64 * 1024];
        using var file = new FileStream(_ballast, FileMode.Append, FileAccess.Write, FileShare.None, bufferSize: 1);
        try
        {
            for (var i = 0; i < 100_000; i++) file.Write(chunk);
        }
        catch (IOException)
        {
            // No space left: the point.
        }
        return new FileInfo(_ballast).Length;
    }

    /// <summary>Deletes the ballast: the space is free again.</summary>
    public void Free() => File.Delete(_ballast);

    public async ValueTask DisposeAsync()
    {
        await Command.RunAsync("umount", ["-l", Path], CommandTimeout);
        Directory.Delete(Path);
    }
}
