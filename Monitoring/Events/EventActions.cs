namespace AkLight.Monitoring.Events;

/// <summary>
/// The container lifecycle events the agent publishes, named as the Docker Engine names them (the last level of
/// <c>events/docker/{host}/{container}/{action}</c>). The engine reports others too (create, exec_start, ...);
/// the agent leaves those out.
/// </summary>
public static class EventActions
{
    public const string Start = "start";

    /// <summary>The container's main process ended; the payload carries its <c>exitCode</c>.</summary>
    public const string Die = "die";

    /// <summary>The kernel's out-of-memory killer killed a process of the container.</summary>
    public const string Oom = "oom";

    /// <summary>A signal was sent to the container (<c>docker kill</c>, or a stop's SIGTERM).</summary>
    public const string Kill = "kill";

    public const string Restart = "restart";

    /// <summary>The health check's result changed; the payload carries the new <c>status</c> (healthy, unhealthy, starting).</summary>
    public const string HealthStatus = "health_status";

    public const string Pause = "pause";

    public const string Unpause = "unpause";

    /// <summary>The container was removed.</summary>
    public const string Destroy = "destroy";

    /// <summary>Every action published, in the order a container lives them.</summary>
    public static IReadOnlyList<string> All { get; } = [Start, HealthStatus, Pause, Unpause, Kill, Oom, Die, Restart, Destroy];

    public static bool IsKnown(string action) => All.Contains(action, StringComparer.Ordinal);
}
