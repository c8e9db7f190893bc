namespace AkLight.Client;

/// <summary>Which errors are worth retrying: the broker or its store was away, not the request wrong.</summary>
internal static class DeliveryErrors
{
    public static bool IsTransient(Exception error) => error switch
    {
        StoreUnavailableException => true,
        StaleWriterException => true, // a second activation of the partition lost to the first; the retry reaches the winner
        SiloUnavailableException => true,
        OrleansMessageRejectionException => true,
        TimeoutException => true,
        AkLightException => false,
        ArgumentException => false,
        OrleansException => true,
        _ => false,
    };
}
