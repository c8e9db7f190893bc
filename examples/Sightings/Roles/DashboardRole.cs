using System.Text;

namespace AkLight.Examples.Sightings.Roles;

/// <summary>
/// Live counts of everything: users online (a login adds the user, a logoff tombstone removes them) and
/// sightings per region. Its own group, so it sees every message, independently of the notifiers and panels.
/// Prints a line a second, with the notifiers' lag, and a final line.
/// </summary>
internal sealed class DashboardRole : IAsyncDisposable
{
    public const string Group = "dashboard";

    private static readonly IReadOnlyList<string> Filters = [Topics.Sessions, Topics.AllSightings];

    private static readonly TimeSpan PrintEvery = TimeSpan.FromSeconds(1);

    /// <summary>An hour of lines at most; the run's deadline normally ends printing long before.</summary>
    private const int MaxLines = 3600;

    private readonly IGrainFactory _grains;
    private readonly GroupConsumer _member;
    private readonly DashboardCounts _counts = new();

    private DashboardRole(IGrainFactory grains, GroupConsumer member)
    {
        _grains = grains;
        _member = member;
    }

    public static async Task<DashboardRole> JoinAsync(IGrainFactory grains) =>
        new(grains, await GroupConsumer.JoinAsync(grains, Group, "dashboard", Filters, StartFrom.Latest).ConfigureAwait(false));

    /// <summary>Counts until <paramref name="stop"/>, then prints and returns the final counts.</summary>
    public async Task<DashboardSnapshot> RunAsync(StopCondition stop)
    {
        using var printing = CancellationTokenSource.CreateLinkedTokenSource(stop.Deadline);
        var printer = PrintLiveAsync(printing.Token);
        try
        {
            await GroupLoop.RunAsync(_grains, _member, Filters, stop, Handle).ConfigureAwait(false);
        }
        finally
        {
            await printing.CancelAsync().ConfigureAwait(false);
            await printer.ConfigureAwait(false);
        }
        var final = _counts.Snapshot();
        Console.WriteLine($"dashboard: final {final}");
        return final;
    }

    private void Handle(ConsumedMessage message)
    {
        if (message.Topic == Topics.Sessions)
        {
            var user = message.Key is null ? "" : Encoding.UTF8.GetString(message.Key);
            if (message.Payload is null) _counts.Logoff(user);
            else _counts.Login(user);
        }
        else if (MessageJson.ReadSighting(message.Payload) is { } sighting)
        {
            _counts.Sighting(sighting.Region);
        }
    }

    private async Task PrintLiveAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(PrintEvery);
        try
        {
            for (var line = 0; line < MaxLines && await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false); line++)
                Console.WriteLine($"dashboard: {_counts.Snapshot()} | {await NotifierLagAsync(cancellationToken).ConfigureAwait(false)}");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// How far the notifiers are behind, from their group's description (end offset minus committed offset,
    /// summed over its partitions): what an operator watches to see whether a group keeps up.
    /// </summary>
    private async Task<string> NotifierLagAsync(CancellationToken cancellationToken)
    {
        try
        {
            var notifiers = await _grains.GetGrain<IConsumerGroupGrain>(NotifierRole.Group).DescribeAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
            return notifiers.Members.Count == 0
                ? "no notifiers"
                : $"notifiers lag {notifiers.Partitions.Sum(p => p.Lag)} ({notifiers.Members.Count} members)";
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            return "notifiers lag unknown";
        }
    }

    /// <summary>Commits what is left and leaves the group.</summary>
    public ValueTask DisposeAsync() => _member.DisposeAsync();
}
