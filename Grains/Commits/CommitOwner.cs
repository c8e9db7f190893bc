namespace AkLight.Grains.Commits;

/// <summary>
/// Who committed offsets belong to in the <see cref="IOffsetCommitStore"/>: the committing grain's kind and key, so a
/// session and a group of one name never share rows.
/// </summary>
internal readonly record struct CommitOwner(string Kind, string Name)
{
    public static CommitOwner Session(string id) => new("session", id);

    public static CommitOwner Group(string name) => new("group", name);

    /// <summary>The store's owner key: <c>session/{id}</c> or <c>group/{name}</c>.</summary>
    public string Key => $"{Kind}/{Name}";
}
