namespace AkLight.Silo;

/// <summary>The check every listener's port setting gets.</summary>
internal static class Ports
{
    /// <summary>Null when <paramref name="port"/> is a TCP port a listener can take; otherwise the problem, naming <paramref name="setting"/>.</summary>
    public static string? Problem(int port, string setting) =>
        port is >= 1 and <= 65535 ? null : $"{setting} must be a TCP port (1-65535), got {port}";
}
