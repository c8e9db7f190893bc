namespace AkLight;

/// <summary>The names of every consumer group, for listing tools. One instance (key <see cref="Key"/>).</summary>
public interface IGroupDirectoryGrain : IGrainWithStringKey
{
    const string Key = "groups";

    /// <summary>Records a group name and the principal that owns it (idempotent; the first owner stays).</summary>
    [BrokerInternal]
    Task AddAsync(string group, string? owner);

    /// <summary>The groups the caller may see (its own; every group for a superuser or the broker), sorted.</summary>
    Task<IReadOnlyList<string>> ListAsync();
}
