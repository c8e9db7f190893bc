namespace AkLight.Client;

/// <summary>Which errors are worth retrying: the broker or its store was away, not the request wrong.</summary>
internal static class DeliveryErrors
{
    public static bool IsTransient(Exception error) => error switch
    {
        StoreUnavailableException => true,
        SiloUnavailableException => true,
        OrleansMessageRejectionException => true,
        TimeoutException => true,
        AkLightException => false,
        ArgumentException => false,
        OrleansException => true,
        _ => false,
    };
}
