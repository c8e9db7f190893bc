namespace AkLight;

/// <summary>
/// Marks a grain method that only the broker's own grains call (notifications, index registration, forgetting
/// a deleted topic). A client's call to it is refused with <see cref="InternalCallException"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BrokerInternalAttribute : Attribute;
