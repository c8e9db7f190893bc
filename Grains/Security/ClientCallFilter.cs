namespace AkLight.Grains.Security;

/// <summary>
/// The gateway door's guard: every call into a grain that does not carry the broker's internal secret came from
/// a client, so it must authenticate (its API key, <see cref="CallContextKeys.Token"/>) and be allowed by
/// <see cref="GrainCallRules"/>. The principal it proves is what the grains then see as the caller. Orleans'
/// system targets are closed to clients but for the few the client runtime needs (<see cref="ClientSystemTargets"/>).
/// </summary>
internal sealed class ClientCallFilter(InternalSecret secret, AccessPolicy policy, ClientSystemTargets systemTargets) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (secret.Matches(RequestContext.Get(CallContextKeys.Internal)) || ClientSystemTargets.IsTimerTick(context))
        {
            await context.Invoke();
            return;
        }
        if (context.TargetId.IsSystemTarget())
        {
            // Refused before anything else, with or without a key: the cluster's machinery is nobody's to call.
            if (!systemTargets.Allows(context)) throw new InternalCallException(context.InterfaceMethod.DeclaringType?.Name + "." + context.InterfaceMethod.Name);
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
}
