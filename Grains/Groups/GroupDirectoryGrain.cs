namespace AkLight.Grains.Groups;

/// <summary>Group names, kept in grain state. Touched once per group activation, never per message.</summary>
public sealed class GroupDirectoryGrain(
    [PersistentState("group-directory", StorageNames.Sessions)] IPersistentState<GroupDirectoryState> state) : Grain, IGroupDirectoryGrain
{
    public async Task AddAsync(string group)
    {
        if (state.State.Groups.Contains(group)) return;
        state.State.Groups.Add(group);
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<string>> ListAsync() =>
        Task.FromResult<IReadOnlyList<string>>(state.State.Groups.Order(StringComparer.Ordinal).ToArray());
}

[GenerateSerializer, Alias("AkLight.GroupDirectoryState")]
public sealed class GroupDirectoryState
{
    [Id(0)] public List<string> Groups { get; set; } = [];
}
