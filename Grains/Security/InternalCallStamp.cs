namespace AkLight.Grains.Security;

/// <summary>
/// Stamps every call a silo makes (from a grain, a timer or a door) with the internal secret, so the
/// receiving grain knows the broker made it. Calls to clients (observers) never carry it.
/// The stamp rides in the request context, which Orleans copies into every message: the sender's grain id in a
/// message cannot stand in for it, because a gateway forwards whatever id a client wrote there. A call made while
/// handling an internal call finds the stamp already in its context and leaves the context as it is (setting a value
/// copies the context's dictionary).
/// </summary>
internal sealed class InternalCallStamp(InternalSecret secret) : IOutgoingGrainCallFilter
{
    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        // Set inside this async method only, so the caller's own request context is left as it was.
        if (context.TargetId.IsClient()) RequestContext.Remove(CallContextKeys.Internal);
        else if (!secret.Matches(RequestContext.Get(CallContextKeys.Internal))) RequestContext.Set(CallContextKeys.Internal, secret.Value);
        await context.Invoke();
    }
}
