namespace AkLight.Silo.Doors.Kafka.Protocol;

/// <summary>The parts of a response that many request types write the same way.</summary>
public static class KafkaAnswers
{
    /// <summary>The throttle time (always 0: the broker does not throttle), in the versions that have it.</summary>
    public static void ThrottleTime(this KafkaWriter response, KafkaRequest request, short since)
    {
        if (request.Version >= since) response.Int32(0);
    }

    /// <summary>A response that is only the throttle time and an error code (Heartbeat, LeaveGroup).</summary>
    public static bool ErrorCode(this KafkaWriter response, KafkaRequest request, KafkaErrorCode error, short throttleSince)
    {
        response.ThrottleTime(request, throttleSince);
        response.Int16((short)error);
        return true;
    }

    /// <summary>
    /// A topic array whose partitions were answered in the order asked (Produce, Fetch, ListOffsets): each topic's name,
    /// then its partitions' answers.
    /// </summary>
    public static void Topics<T>(this KafkaWriter response, IReadOnlyList<string> names, IReadOnlyList<IReadOnlyCollection<T>> partitions, Action<KafkaWriter, T> write)
    {
        response.Int32(names.Count);
        for (var t = 0; t < names.Count; t++)
        {
            response.String(names[t]);
            response.Array(partitions[t], write);
        }
    }
}
