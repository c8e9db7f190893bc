namespace AkLight.Examples.Sightings.Domain;

/// <summary>A place on the map, in degrees.</summary>
internal readonly record struct GeoPoint(double Lat, double Lon)
{
    private const double EarthRadiusKm = 6371.0;

    /// <summary>Great-circle distance (haversine), good enough to tell a panel's user how far away a sighting is.</summary>
    public double KilometresTo(GeoPoint other)
    {
        var dLat = ToRadians(other.Lat - Lat);
        var dLon = ToRadians(other.Lon - Lon);
        var a = Math.Pow(Math.Sin(dLat / 2), 2) + Math.Cos(ToRadians(Lat)) * Math.Cos(ToRadians(other.Lat)) * Math.Pow(Math.Sin(dLon / 2), 2);
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    private static double ToRadians(double degrees) => degrees * Math.PI / 180;
}
