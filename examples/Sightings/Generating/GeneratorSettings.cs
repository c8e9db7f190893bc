namespace AkLight.Examples.Sightings.Generating;

/// <summary>What a generator run sends: the scenario's seed and size, and the pause between two events.</summary>
internal sealed record class GeneratorSettings(int Seed, int Sightings, int Logins, TimeSpan Interval);
