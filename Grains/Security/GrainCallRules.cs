using System.Reflection;

namespace AkLight.Grains.Security;

/// <summary>
/// What a client's call to each broker grain method needs, checked by <see cref="ClientCallFilter"/> before the
/// grain runs it: the operation and the topic or filters it acts on. Methods marked
/// <see cref="BrokerInternalAttribute"/>, and every grain that is not the broker's, are refused to clients.
/// Ownership of sessions and groups is checked by those grains themselves (they know their owner).
/// </summary>
internal static class GrainCallRules
{
    /// <summary>
    /// Throws unless <paramref name="principal"/> may make the call; returns a filter for the call's result
    /// when the answer must be cut to what the principal may see (listings), else null.
    /// </summary>
    public static Func<object?, object?>? Check(IIncomingGrainCallContext context, Principal principal)
    {
        var method = context.InterfaceMethod;
        var name = $"{method.DeclaringType?.Name}.{method.Name}";
        if (method.GetCustomAttribute<BrokerInternalAttribute>() is not null) throw new InternalCallException(name);
        var topic = (context.Grain as ITopicScoped)?.ScopedTopic;
        switch (method.DeclaringType?.Name, method.Name)
        {
            case (nameof(IPartitionGrain), nameof(IPartitionGrain.AppendAsync)):
            case (nameof(ITopicGrain), nameof(ITopicGrain.GetOrCreateAsync)):
                AccessPolicy.Authorize(principal, BrokerOperation.Produce, Required(topic, name));
                return null;
            case (nameof(IPartitionGrain), nameof(IPartitionGrain.ReadAsync) or nameof(IPartitionGrain.ReadBatchesAsync) or nameof(IPartitionGrain.GetBoundsAsync) or nameof(IPartitionGrain.GetOffsetForTimeAsync)):
                AccessPolicy.Authorize(principal, BrokerOperation.Consume, Required(topic, name));
                return null;
            case (nameof(ITopicGrain), nameof(ITopicGrain.GetAsync)):
                AccessPolicy.AuthorizeLookup(principal, Required(topic, name));
                return null;
            case (nameof(IPartitionGrain), nameof(IPartitionGrain.EnforceRetentionAsync)):
            case (nameof(ITopicGrain), nameof(ITopicGrain.CreateAsync) or nameof(ITopicGrain.SetRetentionAsync) or nameof(ITopicGrain.DeleteAsync)):
                AccessPolicy.Authorize(principal, BrokerOperation.Admin, Required(topic, name));
                return null;
            case (nameof(ITopicIndexGrain), nameof(ITopicIndexGrain.ListAsync)):
                return result => result is string[] names ? names.Where(principal.MaySee).ToArray() : result;
            case (nameof(IConsumerSessionGrain), nameof(IConsumerSessionGrain.OpenAsync)):
                foreach (var filter in Argument<SessionOptions>(context, 0).Filters) AccessPolicy.Authorize(principal, BrokerOperation.Consume, TopicFilter.Parse(filter));
                return null;
            case (nameof(IConsumerSessionGrain), nameof(IConsumerSessionGrain.AssignAsync)):
                foreach (var partition in Argument<IReadOnlyList<TopicPartitionOffset>>(context, 0)) AccessPolicy.Authorize(principal, BrokerOperation.Consume, partition.Topic);
                return null;
            case (nameof(IConsumerGroupGrain), nameof(IConsumerGroupGrain.JoinAsync)):
                foreach (var filter in Argument<IReadOnlyList<string>>(context, 1)) AccessPolicy.Authorize(principal, BrokerOperation.Consume, TopicFilter.Parse(filter));
                return null;
            case (nameof(IConsumerSessionGrain), _):
            case (nameof(IConsumerGroupGrain), _):
            case (nameof(IGroupDirectoryGrain), nameof(IGroupDirectoryGrain.ListAsync)):
                return null; // the grain checks that the caller owns it (or lists only what the caller owns)
            case var _ when method.DeclaringType?.Namespace?.StartsWith("Orleans", StringComparison.Ordinal) == true && principal.IsSuperuser:
                return null; // Orleans' management surface (deactivate, statistics): for administrators of every topic
            default:
                throw new InternalCallException(name);
        }
    }

    private static string Required(string? topic, string method) =>
        topic ?? throw new InvalidOperationException($"{method}: the grain does not say which topic it belongs to");

    private static T Argument<T>(IIncomingGrainCallContext context, int index) =>
        context.Request.GetArgument(index) is T value ? value : throw new ArgumentException($"{context.MethodName}: argument {index + 1} is missing");
}
