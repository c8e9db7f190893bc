namespace AkLight.Grains.Common;

/// <summary>Waiting for work a grain started earlier, without caring how it ended.</summary>
internal static class TaskWaits
{
    /// <summary>Completes when <paramref name="work"/> has ended (or at once when there is none), or after <paramref name="limit"/>.</summary>
    public static async Task EndedOrAfter(this Task? work, TimeSpan limit)
    {
        if (work is null) return;
        await Task.WhenAny(work, Task.Delay(limit));
    }
}
