namespace AkLight.Examples.Sightings.Domain;

/// <summary>
/// The fixed world of the exercise: regions, species, observers and users. Fixed, so separate processes
/// (generator, panels) agree on it without exchanging anything but messages.
/// </summary>
internal static class Catalog
{
    public static IReadOnlyList<Region> Regions { get; } =
    [
        new("east", 59.5, 60.0, 11.0, 12.0),
        new("north", 60.0, 60.5, 10.0, 11.0),
        new("south", 59.0, 59.5, 10.0, 11.0),
        new("west", 59.5, 60.0, 9.0, 10.0),
    ];

    public static IReadOnlyList<string> Species { get; } = ["deer", "fox", "heron", "lynx", "owl"];

    public static IReadOnlyList<string> Observers { get; } = ["obs-1", "obs-2", "obs-3", "obs-4", "obs-5"];

    public static IReadOnlyList<AppUser> Users { get; } =
    [
        new("alice", "north", new GeoPoint(60.25, 10.50)),
        new("bob", "south", new GeoPoint(59.25, 10.50)),
        new("carol", "east", new GeoPoint(59.75, 11.50)),
        new("dave", "west", new GeoPoint(59.75, 9.50)),
        new("erin", "north", new GeoPoint(60.10, 10.20)),
        new("frank", "south", new GeoPoint(59.40, 10.80)),
    ];

    /// <summary>The user named <paramref name="name"/>, or null when there is none.</summary>
    public static AppUser? FindUser(string name) => Users.FirstOrDefault(u => string.Equals(u.Name, name, StringComparison.Ordinal));
}
