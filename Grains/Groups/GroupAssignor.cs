namespace AkLight.Grains.Groups;

/// <summary>
/// Spreads partitions over group members: sticky (a partition stays with its current owner while that
/// keeps the spread even) and balanced (with every member eligible for every partition, no member holds
/// more than one partition more than another). A member is eligible for a partition when its filters
/// match the partition's topic.
/// </summary>
public static class GroupAssignor
{
    public static Dictionary<TopicPartition, string> Assign(
        IReadOnlyList<TopicPartition> partitions,
        IReadOnlyList<string> members,
        Func<string, TopicPartition, bool> eligible,
        IReadOnlyDictionary<TopicPartition, string> currentOwners)
    {
        var target = new Dictionary<TopicPartition, string>();
        if (members.Count == 0) return target;
        var ordered = partitions.Order().ToArray();
        var sortedMembers = members.Order(StringComparer.Ordinal).ToArray();
        var counts = sortedMembers.ToDictionary(m => m, _ => 0, StringComparer.Ordinal);
        var floor = ordered.Length / sortedMembers.Length;
        var ceilingSlots = ordered.Length % sortedMembers.Length; // members that may hold floor + 1

        bool Keeps(TopicPartition p, out string owner) =>
            currentOwners.TryGetValue(p, out owner!) && counts.ContainsKey(owner) && eligible(owner, p);

        // Keep current owners up to the floor, then let some of them keep one more, as the ceiling allows.
        foreach (var partition in ordered)
            if (Keeps(partition, out var owner) && counts[owner] < floor)
                Give(partition, owner);
        foreach (var partition in ordered)
            if (!target.ContainsKey(partition) && Keeps(partition, out var owner) && counts[owner] == floor && ceilingSlots > 0)
            {
                Give(partition, owner);
                ceilingSlots--;
            }

        // Everything else to the eligible member holding the fewest, in member order.
        foreach (var partition in ordered.Where(p => !target.ContainsKey(p)))
        {
            var candidate = sortedMembers.Where(m => eligible(m, partition)).OrderBy(m => counts[m]).FirstOrDefault();
            if (candidate is not null) Give(partition, candidate);
        }
        return target;

        void Give(TopicPartition partition, string member)
        {
            target[partition] = member;
            counts[member]++;
        }
    }
}
