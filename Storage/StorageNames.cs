namespace AkLight.Storage;

/// <summary>Names of the Orleans grain storage providers the grains use.</summary>
public static class StorageNames
{
    /// <summary>Persistent consumer sessions' committed offsets.</summary>
    public const string Sessions = "sessions";
}
