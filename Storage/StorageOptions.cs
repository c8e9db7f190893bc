namespace AkLight.Storage;

/// <summary>Where the broker keeps its data, bound from <c>AkLight:Storage</c>.</summary>
public sealed class StorageOptions
{
    public const string Section = "AkLight:Storage";

    /// <summary>Folder of the embedded store (used when no Postgres connection string is set).</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>The embedded store's file inside <see cref="DataDirectory"/>.</summary>
    public string DatabasePath => Path.Combine(DataDirectory, "aklight.db");
}
