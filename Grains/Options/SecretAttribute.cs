namespace AkLight.Grains.Options;

/// <summary>
/// Marks an option whose value must never be shown (a password, a shared secret): <see cref="OptionsText"/>
/// writes whether it is set, not what it is.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SecretAttribute : Attribute;
