namespace AkLight.Grains.Groups;

/// <summary>Group names and their owners, kept in grain state. Touched once per group activation, never per message.</summary>
public sealed class GroupDirectoryGrain(
    [PersistentState("group-directory", StorageNames.Sessions)] IPersistentState<GroupDirectoryState> state) : Grain, IGroupDirectoryGrain
{
    public async Task AddAsync(string group, string? owner)
    {
        if (state.State.Groups.Contains(group)) return;
        state.State.Groups.Add(group);
        if (owner is not null) state.State.Owners[group] = owner;
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<string>> ListAsync() =>
        Task.FromResult<IReadOnlyList<string>>(state.State.Groups
            .Where(g => CallerIdentity.MayUse(state.State.Owners.GetValueOrDefault(g)))
            .Order(StringComparer.Ordinal).ToArray());
}

[GenerateSerializer, Alias("AkLight.GroupDirectoryState")]
public sealed class GroupDirectoryState
{
    [Id(0)] public List<string> Groups { get; set; } = [];

    /// <summary>Group name → the principal that owns it; groups made before principals existed have none.</summary>
    [Id(1)] public Dictionary<string, string> Owners { get; set; } = new(StringComparer.Ordinal);
}
