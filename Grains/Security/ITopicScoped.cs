namespace AkLight.Grains.Security;

/// <summary>A grain that belongs to one topic, so a client's call to it is checked against that topic.</summary>
public interface ITopicScoped
{
    /// <summary>The topic's name.</summary>
    string ScopedTopic { get; }
}
