namespace AkLight.Producer.Agent;

/// <summary>Whether the agent samples containers through the Docker Engine API.</summary>
internal enum DockerMode
{
    /// <summary>Use Docker when its socket answers at start, else sample the agent's own host or container.</summary>
    Auto,

    /// <summary>Never use Docker: sample the agent's own host or container.</summary>
    Off,
}
