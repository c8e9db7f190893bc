namespace AkLight.Silo;

/// <summary>Cluster mode's identity, bound from <c>AkLight:Cluster</c>.</summary>
public sealed class ClusterSettings
{
    public const string Section = "AkLight:Cluster";

    /// <summary>Silos with the same id (and database) form one cluster. Default <c>aklight</c>.</summary>
    public string ClusterId { get; set; } = "aklight";

    /// <summary>Keys reminders and session state in the database; keep it across deployments. Default <c>aklight</c>.</summary>
    public string ServiceId { get; set; } = "aklight";
}
