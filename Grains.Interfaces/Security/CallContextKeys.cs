namespace AkLight;

/// <summary>
/// The request-context entries that carry who is calling. A client sets only <see cref="Token"/>; the broker
/// replaces <see cref="Principal"/> with the principal the token authenticates, so a client cannot name one.
/// </summary>
public static class CallContextKeys
{
    /// <summary>The caller's API key (<c>name:secret</c>), set by the .NET client on every call.</summary>
    public const string Token = "aklight.token";

    /// <summary>The authenticated principal's name, set by the broker for the grains that check ownership.</summary>
    public const string Principal = "aklight.principal";

    /// <summary>The broker's own proof that a call comes from inside the cluster; never sent to clients.</summary>
    public const string Internal = "aklight.internal";
}
