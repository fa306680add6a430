using Confluent.Kafka;
using Factline.Api.Errors;

namespace Factline.Api.Topics;

/// <summary>Turns Kafka's answers to what the API asked of it into TMF errors whose status says whose fault it is.</summary>
internal static class KafkaErrors
{
    public const string UnavailableCode = "KAFKA_UNAVAILABLE";
    public const string NoControllerCode = "KAFKA_CONTROLLER_UNAVAILABLE";
    public const string RefusedCode = "KAFKA_REFUSED";

    /// <summary>
    /// The error for a failed <paramref name="action"/>: refused (by a broker, or by the client as unsupported),
    /// or not answered at all (any other local error).
    /// </summary>
    /// <param name="advice">What the client can safely do next, appended to the message when Kafka did not answer.</param>
    public static TmfErrorException For(string action, Error error, string advice = "Try again later.") =>
        error.IsLocalError && error.Code != ErrorCode.Local_UnsupportedFeature ? Unavailable(action, error, advice) : Refused(action, error);

    /// <summary>A broker answered with an error of its own.</summary>
    private static TmfErrorException Refused(string action, Error error)
    {
        var status = error.Code switch
        {
            ErrorCode.TopicAlreadyExists => StatusCodes.Status409Conflict,
            ErrorCode.TopicException or ErrorCode.InvalidPartitions or ErrorCode.InvalidReplicationFactor
                or ErrorCode.InvalidConfig or ErrorCode.InvalidRequest => StatusCodes.Status400BadRequest,
            ErrorCode.TopicAuthorizationFailed or ErrorCode.ClusterAuthorizationFailed or ErrorCode.PolicyViolation
                or ErrorCode.TopicDeletionDisabled => StatusCodes.Status403Forbidden,
            ErrorCode.UnknownTopicOrPart => StatusCodes.Status404NotFound,
            ErrorCode.MsgSizeTooLarge => StatusCodes.Status413PayloadTooLarge,
            ErrorCode.UnsupportedVersion or ErrorCode.Local_UnsupportedFeature => StatusCodes.Status501NotImplemented,
            _ => StatusCodes.Status502BadGateway,
        };
        return new(new TmfError(RefusedCode, "Kafka refused the request",
            $"Kafka refused to {action}: {error.Code}: {error.Reason}.", status));
    }

    /// <summary>
    /// Kafka did not answer: no connection, or no answer in time. Admin requests such as CreateTopics go to
    /// the cluster's controller; librdkafka's mock cluster (the dev broker) never names one, because it does not
    /// implement those requests, so there they always end here.
    /// </summary>
    private static TmfErrorException Unavailable(string action, Error error, string advice)
    {
        if (error.Reason.Contains("controller", StringComparison.OrdinalIgnoreCase))
        {
            return new(new TmfError(NoControllerCode, "Kafka named no controller",
                $"Kafka could not {action}: {error.Reason}. Topic administration goes to the cluster's controller, and none answered. " +
                "librdkafka's mock cluster (factline dev-broker) has none: it does not implement CreateTopics or DeleteTopics, so create " +
                $"its topics when starting it (factline dev-broker --topic NAME). On a real cluster: {advice}",
                StatusCodes.Status503ServiceUnavailable));
        }
        return new(new TmfError(UnavailableCode, "Kafka unavailable",
            $"Kafka could not {action}: {error.Code}: {error.Reason}. {advice}", StatusCodes.Status503ServiceUnavailable));
    }
}
