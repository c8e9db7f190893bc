using Orleans.Concurrency;

namespace AkLight.Grains.Kafka;

/// <summary>
/// Hosts one <see cref="KafkaGroup"/> for the whole cluster. Reentrant: a JoinGroup or SyncGroup waiting for the
/// round must not hold up the calls that complete it. Membership lives in memory: after the silo hosting it
/// stops, the next call activates an empty group elsewhere and the members rejoin (UNKNOWN_MEMBER_ID), as after any
/// Kafka coordinator change; committed offsets live in AKLight's consumer group of the same name.
/// </summary>
[Reentrant]
[GrainType(TypeName)]
public sealed class KafkaGroupGrain(TimeProvider time) : Grain, IKafkaGroupGrain
{
    /// <summary>The grain type, named once so a rename of the class keeps it.</summary>
    public const string TypeName = "kafka-group";

    private static readonly TimeSpan ExpiryCheck = TimeSpan.FromMilliseconds(500);
    private KafkaGroup _group = null!;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _group = new KafkaGroup(this.GetPrimaryKeyString(), time);
        this.RegisterGrainTimer(ExpireAsync, new GrainTimerCreationOptions(ExpiryCheck, ExpiryCheck) { Interleave = true });
        return Task.CompletedTask;
    }

    public Task<KafkaJoinResult> JoinAsync(KafkaJoinRequest request, TimeSpan wait)
    {
        // A pending answer carries the member's id (new members get theirs here), for AwaitJoinAsync.
        var (memberId, joined) = _group.Join(request);
        return BoundedAsync(joined, wait, KafkaJoinResult.Waiting(memberId));
    }

    public Task<KafkaJoinResult> AwaitJoinAsync(string memberId, TimeSpan wait) =>
        BoundedAsync(_group.AwaitJoinAsync(memberId), wait, KafkaJoinResult.Waiting(memberId));

    public Task<KafkaSyncResult> SyncAsync(string memberId, int generation, IReadOnlyList<KafkaMemberAssignment> assignments, TimeSpan wait) =>
        BoundedAsync(_group.SyncAsync(memberId, generation, assignments), wait, new KafkaSyncResult(KafkaGroupError.None, [], Pending: true));

    public Task<KafkaGroupError> HeartbeatAsync(string memberId, int generation) => Task.FromResult(_group.Heartbeat(memberId, generation));

    public Task<KafkaGroupError> CheckCommitterAsync(string memberId, int generation) => Task.FromResult(_group.CheckCommitter(memberId, generation));

    public Task<KafkaGroupError> LeaveAsync(string memberId) => Task.FromResult(_group.Leave(memberId));

    public Task<KafkaGroupSnapshot> DescribeAsync() => Task.FromResult(_group.Describe());

    private Task ExpireAsync(CancellationToken cancellation)
    {
        _group.Expire();
        // An empty group holds nothing worth keeping; a member joining later activates it afresh.
        if (_group.IsEmpty) DeactivateOnIdle();
        return Task.CompletedTask;
    }

    private async Task<T> BoundedAsync<T>(Task<T> answer, TimeSpan wait, T pending)
    {
        if (answer.IsCompleted) return await answer;
        using var timeout = new CancellationTokenSource();
        var first = await Task.WhenAny(answer, Task.Delay(wait, time, timeout.Token));
        await timeout.CancelAsync();
        return first == answer ? await answer : pending;
    }
}
