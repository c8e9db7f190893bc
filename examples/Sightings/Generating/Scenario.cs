namespace AkLight.Examples.Sightings.Generating;

/// <summary>
/// The events of one generator run, decided up front from a seed: the same seed gives the same sightings,
/// logins and logoffs in the same order, so a run's totals are reproducible.
/// </summary>
internal static class Scenario
{
    /// <summary>Percent chance, before each sighting, that someone online logs off.</summary>
    private const int LogoffPercent = 7;

    /// <summary>
    /// <paramref name="sightings"/> sightings with exactly <paramref name="logins"/> logins spread among them
    /// (at most one before each sighting, so <paramref name="logins"/> ≤ <paramref name="sightings"/>).
    /// A user logs off only while logged in and logs in only while logged off.
    /// </summary>
    public static IReadOnlyList<ScenarioEvent> Build(int seed, int sightings, int logins)
    {
        if (logins > sightings) throw new ArgumentException($"logins ({logins}) may not exceed sightings ({sightings})", nameof(logins));
        var random = new Random(seed);
        var online = new List<AppUser>(); // a list, not a set: picking by index must not depend on hashing
        var events = new List<ScenarioEvent>(sightings + 2 * logins);
        var loginsLeft = logins;
        for (var step = 0; step < sightings; step++)
        {
            // Probability loginsLeft/stepsLeft: spread evenly, and certain once as many logins as steps remain.
            if (loginsLeft > 0 && random.Next(sightings - step) < loginsLeft)
            {
                if (online.Count == Catalog.Users.Count) events.Add(LogOff(online, random)); // everyone is in: make room
                var offline = Catalog.Users.Except(online).ToArray();
                var user = offline[random.Next(offline.Length)];
                online.Add(user);
                events.Add(new LoginEvent(user, logins - loginsLeft + 1));
                loginsLeft--;
            }
            else if (online.Count > 0 && random.Next(100) < LogoffPercent)
            {
                events.Add(LogOff(online, random));
            }
            var region = Catalog.Regions[random.Next(Catalog.Regions.Count)];
            var species = Catalog.Species[random.Next(Catalog.Species.Count)];
            var observer = Catalog.Observers[random.Next(Catalog.Observers.Count)];
            events.Add(new SightingEvent(observer, region, species, region.PointFrom(random)));
        }
        return events;
    }

    private static LogoffEvent LogOff(List<AppUser> online, Random random)
    {
        var user = online[random.Next(online.Count)];
        online.Remove(user);
        return new LogoffEvent(user);
    }
}
