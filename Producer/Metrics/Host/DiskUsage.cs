namespace AkLight.Producer.Metrics.Host;

/// <summary>How full a file system is, in bytes, counted as <c>df</c> does.</summary>
/// <param name="TotalBytes">The file system's size.</param>
/// <param name="FreeBytes">Free blocks, including those reserved for root.</param>
/// <param name="AvailableBytes">Free blocks an ordinary user may still use.</param>
internal readonly record struct DiskUsage(ulong TotalBytes, ulong FreeBytes, ulong AvailableBytes)
{
    /// <summary>Blocks in use: size less free.</summary>
    public ulong UsedBytes => TotalBytes > FreeBytes ? TotalBytes - FreeBytes : 0;

    /// <summary>
    /// <c>df</c>'s Use%: used over used plus available, so space reserved for root counts as unusable and
    /// a disk that ordinary processes can no longer write to reads 100 %.
    /// </summary>
    public double Percent => UsedBytes + AvailableBytes == 0 ? 0 : 100.0 * UsedBytes / (UsedBytes + AvailableBytes);

    /// <summary>The file system holding <paramref name="path"/>.</summary>
    public static DiskUsage Of(string path)
    {
        var drive = new DriveInfo(path);
        return new DiskUsage((ulong)drive.TotalSize, (ulong)drive.TotalFreeSpace, (ulong)drive.AvailableFreeSpace);
    }
}
