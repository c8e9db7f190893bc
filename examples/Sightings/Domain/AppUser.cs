namespace AkLight.Examples.Sightings.Domain;

/// <summary>A user of the sightings app: logs in from their home region, and may watch a panel of sightings near home.</summary>
internal sealed record class AppUser(string Name, string Region, GeoPoint Home);
