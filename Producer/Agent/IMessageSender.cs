namespace AkLight.Producer.Agent;

/// <summary>Where the delivery loop hands messages: the broker, or a stand-in in tests.</summary>
internal interface IMessageSender : IAsyncDisposable
{
    /// <summary>
    /// Starts sending <paramref name="batch"/> in order and returns one task per message, completing when the
    /// broker acknowledged it or failing with why not. Throws when there is no broker to send to (connecting failed).
    /// </summary>
    Task<IReadOnlyList<Task>> SendAsync(IReadOnlyList<OutgoingMessage> batch, CancellationToken cancellationToken);

    /// <summary>Drops the current connection, so the next send connects afresh.</summary>
    Task ResetAsync();
}
