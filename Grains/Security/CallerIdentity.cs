namespace AkLight.Grains.Security;

/// <summary>
/// Who the current call acts for, as the broker set it in the request context (a client cannot: the gateway
/// filter overwrites it). Null on the broker's own calls (timers, reminders), which act for nobody.
/// </summary>
public static class CallerIdentity
{
    private const string SuperuserKey = CallContextKeys.Principal + ".superuser";

    /// <summary>Marks the rest of this call chain as acting for <paramref name="principal"/>.</summary>
    public static void Set(Principal principal)
    {
        RequestContext.Set(CallContextKeys.Principal, principal.Name);
        if (principal.IsSuperuser) RequestContext.Set(SuperuserKey, true);
        else RequestContext.Remove(SuperuserKey);
    }

    /// <summary>The principal's name, or null on the broker's own calls.</summary>
    public static string? Name => RequestContext.Get(CallContextKeys.Principal) as string;

    /// <summary>True when the caller may use what <paramref name="owner"/> opened (or the broker itself calls).</summary>
    public static bool MayUse(string? owner) =>
        Name is not { } caller || owner is null || owner == caller || RequestContext.Get(SuperuserKey) is true;

    /// <summary>
    /// Throws unless the caller may use a <paramref name="kind"/> that <paramref name="owner"/> opened:
    /// its owner, a superuser, or the broker itself. Returns who owns it now (the caller, when unowned).
    /// </summary>
    public static string? CheckOwner(string? owner, string kind, string id)
    {
        if (MayUse(owner)) return owner ?? Name;
        throw AccessDeniedException.NotOwner(Name!, kind, id);
    }
}
