namespace AkLight.Grains.Security;

/// <summary>
/// The gateway door's guard: every call into a grain that does not carry the broker's internal secret came from
/// a client, so it must authenticate (its API key, <see cref="CallContextKeys.Token"/>) and be allowed by
/// <see cref="GrainCallRules"/>. The principal it proves is what the grains then see as the caller.
/// </summary>
internal sealed class ClientCallFilter(InternalSecret secret, AccessPolicy policy) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        // Orleans' own system targets answer every client (membership, type manifests) and hold no broker data;
        // a grain's timer ticks arrive as calls too, made inside the silo (they cannot be sent from outside).
        if (secret.Matches(RequestContext.Get(CallContextKeys.Internal)) || context.TargetId.IsSystemTarget() || IsTimerTick(context))
        {
            await context.Invoke();
            return;
        }
        var principal = await policy.AuthenticateAsync(RequestContext.Get(CallContextKeys.Token) as string, address: null); // no caller address here: per-name throttling only
        // The key goes no further than here; what the grains see is the principal it proved.
        RequestContext.Remove(CallContextKeys.Token);
        CallerIdentity.Set(principal);
        var cut = GrainCallRules.Check(context, principal);
        await context.Invoke();
        if (cut is not null) context.Result = cut(context.Result);
    }

    private static bool IsTimerTick(IIncomingGrainCallContext context) =>
        context.InterfaceMethod.DeclaringType?.FullName == "Orleans.Runtime.IGrainTimerInvoker" && context.SourceId == context.TargetId;
}
