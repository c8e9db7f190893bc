namespace AkLight.Consumer.Monitoring;

/// <summary>One way out for alerts (a webhook, WhatsApp): sends one alert once; <see cref="AlertNotifier"/> queues and retries.</summary>
internal interface IAlertChannel : IDisposable
{
    /// <summary>Starts the channel's reports ("webhook", "whatsapp").</summary>
    string Name { get; }

    /// <summary>Where alerts go, as reports may show it: never a secret.</summary>
    string Destination { get; }

    /// <summary>One attempt; null when the alert was accepted, else why not.</summary>
    Task<DeliveryProblem?> SendAsync(AlertEvent alert, CancellationToken cancellationToken);
}

/// <summary>Why an attempt failed, and whether trying again is pointless (the request itself was refused).</summary>
internal readonly record struct DeliveryProblem(string Reason, bool Final)
{
    /// <summary>4xx answers are final, except a timeout (408) and too many requests (429).</summary>
    public static DeliveryProblem FromStatus(int status, string reason) =>
        new($"HTTP {status} {reason}".TrimEnd(), status is >= 400 and < 500 and not 408 and not 429);
}
