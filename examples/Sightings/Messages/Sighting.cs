namespace AkLight.Examples.Sightings.Messages;

/// <summary>An animal seen somewhere: the payload on <c>sightings/{region}/{species}</c>, keyed by the observer.</summary>
internal sealed record class Sighting(string Observer, string Region, string Species, double Lat, double Lon, DateTimeOffset At);
