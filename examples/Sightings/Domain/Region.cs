namespace AkLight.Examples.Sightings.Domain;

/// <summary>A region of the map: a latitude/longitude box; its name is a topic level (<c>sightings/{region}/…</c>).</summary>
internal sealed record class Region(string Name, double MinLat, double MaxLat, double MinLon, double MaxLon)
{
    /// <summary>A point inside the box, from <paramref name="random"/> (so a seeded run places every sighting the same).</summary>
    public GeoPoint PointFrom(Random random) => new(
        Math.Round(MinLat + random.NextDouble() * (MaxLat - MinLat), 4),
        Math.Round(MinLon + random.NextDouble() * (MaxLon - MinLon), 4));
}
