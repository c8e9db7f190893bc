namespace AkLight;

/// <summary>The names of every consumer group, for listing tools. One instance (key <see cref="Key"/>).</summary>
public interface IGroupDirectoryGrain : IGrainWithStringKey
{
    const string Key = "groups";

    /// <summary>Records a group name (idempotent).</summary>
    Task AddAsync(string group);

    /// <summary>Every group ever joined, sorted.</summary>
    Task<IReadOnlyList<string>> ListAsync();
}
