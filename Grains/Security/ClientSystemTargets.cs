namespace AkLight.Grains.Security;

/// <summary>An Orleans system-target interface a client may call through the gateway (its full name).</summary>
public sealed record ClientSystemTarget(string Interface);

/// <summary>
/// The Orleans system targets a client may call through the gateway. Every other system target (silo control,
/// membership, the grain directory, the catalog, statistics) is the cluster's own machinery: a client that could
/// call them could list every activation, force collections, or have its silo declared dead. The silo's own calls
/// to them carry the internal secret (<see cref="InternalCallStamp"/>) and never come here.
/// </summary>
internal sealed class ClientSystemTargets(IEnumerable<ClientSystemTarget> added)
{
    /// <summary>
    /// The client runtime asks the gateway for the cluster manifest (which grain types and interfaces exist, and
    /// on which silos) when it connects and whenever membership changes; without it no grain reference resolves.
    /// It holds no broker data: no topic, session or principal.
    /// </summary>
    private const string ClusterManifest = "Orleans.Runtime.IClusterManifestSystemTarget";

    private readonly HashSet<string> _allowed = [ClusterManifest, .. added.Select(a => a.Interface)];

    /// <summary>True when a client may make this call to a system target.</summary>
    public bool Allows(IIncomingGrainCallContext context) => _allowed.Contains(context.InterfaceMethod.DeclaringType?.FullName ?? "");

    /// <summary>
    /// True for a timer's tick on the target itself: Orleans delivers grain and system-target timers as calls
    /// made inside the silo, from the target to itself.
    /// </summary>
    public static bool IsTimerTick(IIncomingGrainCallContext context) =>
        context.InterfaceMethod.DeclaringType?.FullName == "Orleans.Runtime.IGrainTimerInvoker" && context.SourceId == context.TargetId;
}
