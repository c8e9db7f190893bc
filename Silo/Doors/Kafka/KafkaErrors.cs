namespace AkLight.Silo.Doors.Kafka;

/// <summary>The one place AKLight's errors become Kafka error codes.</summary>
public static class KafkaErrors
{
    /// <summary>
    /// Errors a response answers with a code: AKLight's own and bad arguments. Anything else is a fault of the
    /// door and closes the connection.
    /// </summary>
    public static bool Answerable(Exception error) => error is AkLightException or ArgumentException;

    /// <summary>A group request's failure: being refused the group is GROUP_AUTHORIZATION_FAILED, not a topic's.</summary>
    public static KafkaErrorCode ForGroup(Exception error) =>
        error is AccessDeniedException ? KafkaErrorCode.GroupAuthorizationFailed : From(error);

    public static KafkaErrorCode From(Exception error) => error switch
    {
        AccessDeniedException or AuthenticationRequiredException => KafkaErrorCode.TopicAuthorizationFailed,
        UnknownTopicException => KafkaErrorCode.UnknownTopicOrPartition,
        OffsetOutOfRangeException => KafkaErrorCode.OffsetOutOfRange,
        MessageTooLargeException => KafkaErrorCode.MessageTooLarge,
        InvalidRecordBatchException => KafkaErrorCode.CorruptMessage,
        // Kafka clients retry NOT_LEADER_OR_FOLLOWER after refreshing metadata: what a writer that lost its partition says.
        StaleWriterException => KafkaErrorCode.NotLeaderOrFollower,
        StoreUnavailableException or TimeoutException => KafkaErrorCode.KafkaStorageError,
        LimitExceededException => KafkaErrorCode.PolicyViolation,
        UnknownMemberException => KafkaErrorCode.UnknownMemberId,
        InvalidRecordException => KafkaErrorCode.InvalidRecord,
        KafkaProtocolException or Records.CorruptRecordException => KafkaErrorCode.CorruptMessage,
        Records.UnsupportedCompressionException => KafkaErrorCode.UnsupportedCompressionType,
        ArgumentOutOfRangeException => KafkaErrorCode.UnknownTopicOrPartition, // a partition the topic does not have
        ArgumentException => KafkaErrorCode.InvalidTopic,
        _ => KafkaErrorCode.UnknownServerError,
    };
}

/// <summary>A record the broker cannot take as it is (a header value that is not text, a control batch).</summary>
public sealed class InvalidRecordException(string message) : Exception(message);
