namespace AkLight.Silo;

/// <summary>Cluster mode's identity, bound from <c>AkLight:Cluster</c>.</summary>
public sealed class ClusterIdentityOptions : IValidatedOptions
{
    public const string Section = "AkLight:Cluster";

    /// <summary>Silos with the same id (and database) form one cluster. Default <c>aklight</c>.</summary>
    public string ClusterId { get; set; } = "aklight";

    /// <summary>Keys reminders and session state in the database; keep it across deployments. Default <c>aklight</c>.</summary>
    public string ServiceId { get; set; } = "aklight";

    /// <inheritdoc/>
    public string? Validate() =>
        string.IsNullOrWhiteSpace(ClusterId) ? $"{Section}:ClusterId must not be empty"
        : string.IsNullOrWhiteSpace(ServiceId) ? $"{Section}:ServiceId must not be empty" : null;
}
