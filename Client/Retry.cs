namespace AkLight.Client;

/// <summary>Retries calls that failed because a broker was away (a silo failing over, the cluster restarting).</summary>
internal static class Retry
{
    /// <summary>How long a consumer keeps retrying before it reports the broker unreachable.</summary>
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Runs <paramref name="call"/> until it succeeds, fails for good or <paramref name="giveUpAfter"/> passes; with
    /// <paramref name="gatewayLoss"/>, an attempt still waiting when a gateway connection closes is retried at once.
    /// </summary>
    public static async Task<T> TransientAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken, TimeSpan? giveUpAfter = null,
        Connection.GatewayLoss? gatewayLoss = null)
    {
        var deadline = DateTime.UtcNow + (giveUpAfter ?? GiveUpAfter);
        var delay = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            try
            {
                return await Connection.GatewayLoss.GuardAsync(gatewayLoss, call).WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception error) when (DeliveryErrors.IsTransient(error) && DateTime.UtcNow + delay < deadline && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(1).Ticks));
            }
        }
    }
}
