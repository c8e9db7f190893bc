namespace AkLight.Examples.Sightings.Generating;

/// <summary>One step of a generated run.</summary>
internal abstract record class ScenarioEvent;

/// <summary>A user logs in; <paramref name="Number"/> counts logins from 1.</summary>
internal sealed record class LoginEvent(AppUser User, int Number) : ScenarioEvent;

/// <summary>A user who is logged in logs off.</summary>
internal sealed record class LogoffEvent(AppUser User) : ScenarioEvent;

/// <summary>An observer reports an animal at a place.</summary>
internal sealed record class SightingEvent(string Observer, Region Region, string Species, GeoPoint Where) : ScenarioEvent;
