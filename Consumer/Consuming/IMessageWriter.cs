namespace AkLight.Consumer.Consuming;

/// <summary>Prints consumed messages, one line each, flushed at once so scripts can read them live.</summary>
internal interface IMessageWriter
{
    void Write(ConsumedMessage message);
}
