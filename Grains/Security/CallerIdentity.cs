namespace AkLight.Grains.Security;

/// <summary>
/// Who the current call acts for, as the broker set it in the request context (a client cannot: the gateway
/// filter overwrites it). Fails closed: a call that acts for nobody may use no session or group. The broker's own
/// work (timers, reminders, gauges, a session's expiry) says so with <see cref="SetBroker"/>.
/// </summary>
public static class CallerIdentity
{
    private const string SuperuserKey = CallContextKeys.Principal + ".superuser";
    private const string BrokerKey = CallContextKeys.Principal + ".broker";

    /// <summary>Marks the rest of this call chain as acting for <paramref name="principal"/>.</summary>
    public static void Set(Principal principal) => Set(principal.Name, principal.IsSuperuser);

    /// <summary>
    /// Marks the rest of this call chain as acting for the principal named <paramref name="name"/>, known here only by
    /// name: the owner a session or client id records, when the broker ends it for its owner.
    /// </summary>
    public static void SetOwner(string name) => Set(name, superuser: false);

    /// <summary>Marks the rest of this call chain as the broker's own work, for nobody's key: it may use everything.</summary>
    public static void SetBroker()
    {
        RequestContext.Remove(CallContextKeys.Principal);
        RequestContext.Remove(SuperuserKey);
        RequestContext.Set(BrokerKey, true);
    }

    /// <summary>The principal's name, or null on the broker's own calls (and on calls that say nothing, which are refused).</summary>
    public static string? Name => RequestContext.Get(CallContextKeys.Principal) as string;

    /// <summary>True for a superuser's call or the broker's own: they may take what nobody owns yet by other means than joining.</summary>
    public static bool IsSuperuserOrBroker => Name is null ? RequestContext.Get(BrokerKey) is true : RequestContext.Get(SuperuserKey) is true;

    /// <summary>True when the caller may use what <paramref name="owner"/> opened: its owner, a superuser, or the broker itself.</summary>
    public static bool MayUse(string? owner) => Name is { } caller
        ? owner is null || owner == caller || RequestContext.Get(SuperuserKey) is true
        : RequestContext.Get(BrokerKey) is true;

    /// <summary>
    /// Throws unless the caller may use a <paramref name="kind"/> that <paramref name="owner"/> opened:
    /// its owner, a superuser, or the broker itself. Returns who owns it now (the caller, when unowned).
    /// </summary>
    public static string? CheckOwner(string? owner, string kind, string id)
    {
        if (MayUse(owner)) return owner ?? Name;
        throw Name is { } caller ? AccessDeniedException.NotOwner(caller, kind, id) : AccessDeniedException.Nobody(kind, id);
    }

    private static void Set(string name, bool superuser)
    {
        RequestContext.Set(CallContextKeys.Principal, name);
        RequestContext.Remove(BrokerKey); // a client's request context cannot carry the broker's mark past the gateway
        if (superuser) RequestContext.Set(SuperuserKey, true);
        else RequestContext.Remove(SuperuserKey);
    }
}
