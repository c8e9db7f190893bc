using Microsoft.Extensions.DependencyInjection;

namespace AkLight.Client.Connection;

/// <summary>
/// Tells calls in flight that a gateway connection closed. The Orleans client fails a call that waits on a silo
/// that died only at its response timeout (it does not break calls when it loses a gateway, as silos do when they
/// learn a silo is dead), so a producer or consumer would stall for that long. A call guarded here is abandoned when
/// a gateway goes and retried at once; that is safe because every call it guards is idempotent (produce batches by
/// producer id and sequence, fetches by fetch number).
/// </summary>
public sealed class GatewayLoss
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next loss of a gateway connection.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    internal void OnGatewayCountChanged(object? sender, GatewayCountChangedEventArgs change)
    {
        if (change.NumberOfConnectedGateways >= change.PreviousNumberOfConnectedGateways) return;
        Interlocked.Exchange(ref _next, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    /// <summary>The loss signal of the connection behind <paramref name="grains"/>, when it is a <see cref="BrokerConnection"/>'s.</summary>
    public static GatewayLoss? Of(IGrainFactory grains) => (grains as IClusterClient)?.ServiceProvider.GetService<GatewayLoss>();

    /// <summary>
    /// The answer of <paramref name="call"/>, or a <see cref="SiloUnavailableException"/> (a transient error, so the caller
    /// retries) if a gateway connection closes first.
    /// </summary>
    public static async Task<T> GuardAsync<T>(GatewayLoss? loss, Func<Task<T>> call)
    {
        if (loss is null) return await call().ConfigureAwait(false);
        var lost = loss.Next;
        var answer = call();
        if (await Task.WhenAny(answer, lost).ConfigureAwait(false) == answer) return await answer.ConfigureAwait(false);
        // The abandoned call may still fail later; observe it so that is not reported as unobserved.
        _ = answer.ContinueWith(static t => t.Exception, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously);
        throw new SiloUnavailableException("a gateway connection closed while the call was waiting for its answer");
    }
}
