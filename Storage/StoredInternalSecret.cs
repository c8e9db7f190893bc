namespace AkLight.Storage;

/// <summary>
/// The internal secret a shared store keeps so that every silo of a cluster stamps its calls with the same one.
/// Registered by stores that several silos share; the broker's security takes it when no secret is configured.
/// </summary>
public sealed record StoredInternalSecret(string Value)
{
    /// <summary>Never the value: it must not reach logs.</summary>
    public override string ToString() => nameof(StoredInternalSecret);
}
