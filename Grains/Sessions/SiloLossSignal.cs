namespace AkLight.Grains.Sessions;

/// <summary>
/// Tells this silo's sessions that the cluster lost a silo. Partitions that lived there come back on a survivor
/// without the watches sessions had registered (those were in memory), so a session that waited for their
/// notifications would wait until its next renewal, a third of the watch lease later. Told at once, it renews its
/// watches on the next fetch and delivers again within about the time the cluster takes to declare the silo dead.
/// </summary>
public sealed class SiloLossSignal : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _losses;

    public SiloLossSignal(IClusterMembershipService membership) => _ = WatchAsync(membership, _stop.Token);

    /// <summary>How many silos this silo has seen declared dead since it started.</summary>
    public long Losses => Interlocked.Read(ref _losses);

    /// <summary>Completes at the next loss of a silo.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    private async Task WatchAsync(IClusterMembershipService membership, CancellationToken stop)
    {
        HashSet<SiloAddress>? dead = null; // the first snapshot's dead silos died before this one started
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(stop))
            {
                var lost = false;
                var known = dead ??= [.. snapshot.Members.Where(m => m.Value.Status == SiloStatus.Dead).Select(m => m.Key)];
                foreach (var (silo, member) in snapshot.Members)
                    if (member.Status == SiloStatus.Dead && known.Add(silo)) lost = true;
                if (!lost) continue;
                Interlocked.Increment(ref _losses);
                Interlocked.Exchange(ref _next, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The silo is stopping.
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }
}
