namespace AkLight.Storage;

/// <summary>Names of the Orleans grain storage providers the grains use.</summary>
public static class StorageNames
{
    /// <summary>Grain state of sessions and groups (their committed offsets are in <see cref="IOffsetCommitStore"/>).</summary>
    public const string Sessions = "sessions";
}
