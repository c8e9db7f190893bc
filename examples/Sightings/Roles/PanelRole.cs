using System.Globalization;

namespace AkLight.Examples.Sightings.Roles;

/// <summary>
/// One user's live panel of sightings in their home region, with how far from home each is. Each panel is a
/// group of its own (<c>panel-{user}</c>), so it sees every sighting of its region no matter who else reads them.
/// </summary>
internal sealed class PanelRole : IAsyncDisposable
{
    private readonly IGrainFactory _grains;
    private readonly GroupConsumer _member;
    private readonly AppUser _user;
    private readonly IReadOnlyList<string> _filters;
    private int _seen;

    private PanelRole(IGrainFactory grains, GroupConsumer member, AppUser user, IReadOnlyList<string> filters)
    {
        _grains = grains;
        _member = member;
        _user = user;
        _filters = filters;
    }

    public string Name => _member.Group;

    public static async Task<PanelRole> JoinAsync(IGrainFactory grains, AppUser user)
    {
        IReadOnlyList<string> filters = [Topics.RegionFilter(user.Region)];
        var member = await GroupConsumer.JoinAsync(grains, $"panel-{user.Name}", "panel", filters, StartFrom.Latest).ConfigureAwait(false);
        return new PanelRole(grains, member, user, filters);
    }

    /// <summary>Shows sightings until <paramref name="stop"/>, then prints and returns how many it showed.</summary>
    public async Task<PanelReport> RunAsync(StopCondition stop)
    {
        await GroupLoop.RunAsync(_grains, _member, _filters, stop, Handle).ConfigureAwait(false);
        Console.WriteLine($"{Name}: done, {_seen} sightings in {_user.Region}");
        return new PanelReport(Name, _user.Region, _seen);
    }

    private void Handle(ConsumedMessage message)
    {
        if (MessageJson.ReadSighting(message.Payload) is not { } sighting)
        {
            Console.WriteLine($"{Name}: skipped {message.Topic}[{message.Partition}]@{message.Offset}, not a sighting");
            return;
        }
        _seen++;
        var distance = _user.Home.KilometresTo(new GeoPoint(sighting.Lat, sighting.Lon));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Name}: {sighting.Species} by {sighting.Observer} at {sighting.Lat:0.0000},{sighting.Lon:0.0000}, {distance:0.0} km from {_user.Name}"));
    }

    /// <summary>Commits what is left and leaves the group.</summary>
    public ValueTask DisposeAsync() => _member.DisposeAsync();
}

/// <summary>How many sightings a panel showed for its region.</summary>
internal sealed record class PanelReport(string Name, string Region, int Sightings);
