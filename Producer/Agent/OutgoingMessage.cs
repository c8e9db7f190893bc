namespace AkLight.Producer.Agent;

/// <summary>One message waiting to be delivered: a metric reading or a status, ready to send.</summary>
internal sealed record class OutgoingMessage(string Topic, string Key, byte[] Payload);
