namespace AkLight;

/// <summary>The broker requires credentials and the call carried none, or ones it does not know.</summary>
[GenerateSerializer, Alias("AkLight.AuthenticationRequiredException")]
public sealed class AuthenticationRequiredException(string message) : AkLightException(message);

/// <summary>The caller is known but may not do this; nothing was changed.</summary>
[GenerateSerializer, Alias("AkLight.AccessDeniedException")]
public sealed class AccessDeniedException(string message) : AkLightException(message)
{
    /// <summary>Refuses <paramref name="principal"/> the <paramref name="operation"/> on a topic or filter.</summary>
    public static AccessDeniedException For(string principal, BrokerOperation operation, string target) =>
        new($"principal '{principal}' may not {operation.ToString().ToLowerInvariant()} '{target}': no access rule of theirs covers it");

    /// <summary>Refuses a principal a session or group that another principal opened.</summary>
    public static AccessDeniedException NotOwner(string principal, string kind, string id) =>
        new($"principal '{principal}' may not use {kind} '{id}': it belongs to another principal");

    /// <summary>Refuses a call that acts for no principal (and is not the broker's own) the use of a session or group.</summary>
    public static AccessDeniedException Nobody(string kind, string id) =>
        new($"a call acting for no principal may not use {kind} '{id}'");
}

/// <summary>A client called a grain method that only the broker itself may call.</summary>
[GenerateSerializer, Alias("AkLight.InternalCallException")]
public sealed class InternalCallException(string method)
    : AkLightException($"{method} is internal to the broker and cannot be called by a client")
{
    [Id(0)] public string Method { get; } = method;
}

/// <summary>A configured limit would be exceeded; the message names the limit and its setting.</summary>
/// <param name="isQuota">
/// True for a count of things held at once (topics, sessions, streams): it may pass once some are released. False
/// for a request that asks too much by itself (partitions, retention, filters): asking again cannot succeed.
/// </param>
[GenerateSerializer, Alias("AkLight.LimitExceededException")]
public sealed class LimitExceededException(string limit, long value, string setting, bool isQuota = true)
    : AkLightException(isQuota ? $"limit reached: {limit} is {value} ({setting})" : $"over the limit: {limit} is {value} ({setting})")
{
    [Id(0)] public string Limit { get; } = limit;
    [Id(1)] public long Value { get; } = value;
    [Id(2)] public string Setting { get; } = setting;
    [Id(3)] public bool IsQuota { get; } = isQuota;
}
