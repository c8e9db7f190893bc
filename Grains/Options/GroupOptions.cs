namespace AkLight.Grains.Options;

/// <summary>Consumer-group settings, bound from <c>AkLight:Groups</c>.</summary>
public sealed class GroupOptions : IValidatedOptions
{
    public const string Section = "AkLight:Groups";

    /// <summary>A member that has not sent a heartbeat for this long is removed and its partitions move.</summary>
    public TimeSpan MemberTimeout { get; set; } = TimeSpan.FromSeconds(6);

    /// <inheritdoc/>
    public string? Validate() =>
        MemberTimeout > TimeSpan.Zero ? null : $"{Section}:MemberTimeout must be a positive duration, got {MemberTimeout}";
}
