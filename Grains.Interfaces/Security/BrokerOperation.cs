namespace AkLight;

/// <summary>What a principal may do on the topics an access rule's filter matches.</summary>
public enum BrokerOperation
{
    /// <summary>Publish to a topic (creating it on first publish with the defaults for its name).</summary>
    Produce,

    /// <summary>Read a topic: subscribe, fetch, seek, describe, join consumer groups over it.</summary>
    Consume,

    /// <summary>Create, delete and change topics; implies produce and consume; on <c>#</c>, see every group and session.</summary>
    Admin,
}
