namespace AkLight.Client.Connection;

/// <summary>Presents the connection's API key on every call; the broker checks it on each one.</summary>
internal sealed class BrokerCredentials(string token) : IOutgoingGrainCallFilter
{
    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        // Set within this async method only, so the caller's request context is left as it was.
        RequestContext.Set(CallContextKeys.Token, token);
        await context.Invoke();
    }
}
