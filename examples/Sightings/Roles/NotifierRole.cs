using System.Text;

namespace AkLight.Examples.Sightings.Roles;

/// <summary>
/// Greets users who log in and says goodbye when they log off. All notifiers share one group, so the group
/// gives each <c>users/sessions</c> partition to exactly one of them: each login is greeted once, by whichever
/// notifier owns the user's partition (and the same notifier sees that user's logoff, as one key stays in one partition).
/// </summary>
internal sealed class NotifierRole : IAsyncDisposable
{
    /// <summary>The group every notifier joins.</summary>
    public const string Group = "notifiers";

    private static readonly IReadOnlyList<string> Filters = [Topics.Sessions];

    private readonly IGrainFactory _grains;
    private readonly GroupConsumer _member;
    private readonly List<int> _logins = [];
    private int _logoffs;

    private NotifierRole(IGrainFactory grains, GroupConsumer member)
    {
        _grains = grains;
        _member = member;
    }

    public string Name => _member.MemberId;

    /// <summary>Joins the shared group as <c>notifier-{id}</c>.</summary>
    public static async Task<NotifierRole> JoinAsync(IGrainFactory grains, int id)
    {
        var member = await GroupConsumer.JoinAsync(grains, Group, $"notifier-{id}", Filters, StartFrom.Latest).ConfigureAwait(false);
        return new NotifierRole(grains, member);
    }

    /// <summary>Greets until <paramref name="stop"/>, then prints and returns what this notifier handled.</summary>
    public async Task<NotifierReport> RunAsync(StopCondition stop)
    {
        await GroupLoop.RunAsync(_grains, _member, Filters, stop, Handle).ConfigureAwait(false);
        var report = new NotifierReport(Name, _logins.ToArray(), _logoffs);
        Console.WriteLine($"{Name}: done, {report.LoginNumbers.Count} logins, {report.Logoffs} logoffs");
        return report;
    }

    private void Handle(ConsumedMessage message)
    {
        var user = message.Key is null ? "(no user)" : Encoding.UTF8.GetString(message.Key);
        if (message.Payload is null)
        {
            _logoffs++;
            Console.WriteLine($"{Name}: bye {user}");
        }
        else if (MessageJson.ReadLogin(message.Payload) is { } login)
        {
            _logins.Add(login.Number);
            Console.WriteLine($"{Name}: welcome {login.User} ({login.Region}), login #{login.Number}");
        }
        else
        {
            Console.WriteLine($"{Name}: skipped {message.Topic}[{message.Partition}]@{message.Offset}, not a login");
        }
    }

    /// <summary>Commits what is left and leaves the group, so its partitions go to the other notifiers at once.</summary>
    public ValueTask DisposeAsync() => _member.DisposeAsync();
}

/// <summary>What one notifier handled: the numbers of the logins it greeted, and how many logoffs it saw.</summary>
internal sealed record class NotifierReport(string Name, IReadOnlyList<int> LoginNumbers, int Logoffs);
