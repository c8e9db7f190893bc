namespace AkLight.Grains.Security;

/// <summary>
/// Stamps every call a silo makes (from a grain, a timer or a door) with the internal secret, so the
/// receiving grain knows the broker made it. Calls to clients (observers) never carry it.
/// </summary>
internal sealed class InternalCallStamp(InternalSecret secret) : IOutgoingGrainCallFilter
{
    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        // Set inside this async method only, so the caller's own request context is left as it was.
        if (context.TargetId.IsClient()) RequestContext.Remove(CallContextKeys.Internal);
        else RequestContext.Set(CallContextKeys.Internal, secret.Value);
        await context.Invoke();
    }
}
