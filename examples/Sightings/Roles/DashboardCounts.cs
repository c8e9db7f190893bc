namespace AkLight.Examples.Sightings.Roles;

/// <summary>
/// The dashboard's live counts. Updated by the consume loop and read by the once-a-second printer, so every
/// access takes the lock.
/// </summary>
internal sealed class DashboardCounts
{
    private readonly object _gate = new();
    private readonly HashSet<string> _online = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, int> _sightings = new(StringComparer.Ordinal);
    private int _logins;
    private int _logoffs;

    public DashboardCounts()
    {
        foreach (var region in Catalog.Regions) _sightings[region.Name] = 0; // every region shows, even before its first sighting
    }

    public void Login(string user)
    {
        lock (_gate)
        {
            _logins++;
            _online.Add(user);
        }
    }

    /// <summary>A tombstone: the user's key with no payload.</summary>
    public void Logoff(string user)
    {
        lock (_gate)
        {
            _logoffs++;
            _online.Remove(user);
        }
    }

    public void Sighting(string region)
    {
        lock (_gate) _sightings[region] = _sightings.GetValueOrDefault(region) + 1;
    }

    public DashboardSnapshot Snapshot()
    {
        lock (_gate) return new DashboardSnapshot(_online.Count, _logins, _logoffs, new SortedDictionary<string, int>(_sightings, StringComparer.Ordinal));
    }
}

/// <summary>The dashboard's counts at one moment.</summary>
internal sealed record class DashboardSnapshot(int Online, int Logins, int Logoffs, IReadOnlyDictionary<string, int> SightingsByRegion)
{
    public int Sightings => SightingsByRegion.Values.Sum();

    public override string ToString() =>
        $"online {Online}, logins {Logins}, logoffs {Logoffs}, sightings {Sightings} ({Counts.Format(SightingsByRegion)})";
}
