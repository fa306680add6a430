using Factline.Api.Errors;
using Factline.Api.Evidence;
using Factline.Storage;

namespace Factline.Api.Topics;

/// <summary>The TMF errors of the Topic resource and of events posted to it, each saying what to do about it.</summary>
internal static class TopicErrors
{
    public const string InvalidBodyCode = "INVALID_BODY";
    public const string TopicExistsCode = "TOPIC_EXISTS";
    public const string DeletionDisabledCode = "TOPIC_DELETION_DISABLED";
    public const string EventIdConflictCode = "EVENT_ID_CONFLICT";

    public static TmfErrorException UnknownTopic(string name, IReadOnlyList<string> projected) =>
        new(new TmfError(NotFoundResponder.NotFoundCode, "Not found",
            $"No topic '{name}': Factline serves only the topics it projects (Factline:Kafka:Topics): {string.Join(", ", projected)}.",
            StatusCodes.Status404NotFound));

    /// <summary>A lookup of a fact under a topic it was not read from: a definite 404, because an eventId names one fact.</summary>
    public static TmfError EventInOtherTopic(string topic, StoredFact stored, string href) =>
        new(NotFoundResponder.NotFoundCode, "Not found",
            $"No event '{stored.Fact.EventId}' in topic '{topic}': the fact with that eventId was read from topic '{stored.Position.Topic}' ({href}).",
            StatusCodes.Status404NotFound);

    /// <summary>A 400 that names the member of the request body at fault, or the body as a whole when <paramref name="field"/> is null.</summary>
    public static TmfErrorException InvalidBody(string? field, string problem) =>
        new(new TmfError(InvalidBodyCode,
            field is null ? "Invalid request body" : $"Invalid field '{field}' in the request body",
            field is null ? problem : $"{field}: {problem}",
            StatusCodes.Status400BadRequest));

    /// <param name="reason">What is wrong with a JSON Content-Type; null when the body is not declared JSON at all.</param>
    public static TmfErrorException UnsupportedMediaType(string? contentType, string? reason = null) =>
        new(TmfError.ForStatus(StatusCodes.Status415UnsupportedMediaType, reason is null
            ? $"The body must be JSON (Content-Type: application/json), not {(string.IsNullOrEmpty(contentType) ? "a body without a Content-Type" : $"'{contentType}'")}."
            : $"The body must be UTF-8 JSON sent as it is (Content-Type: application/json), not '{contentType}': {reason}."));

    public static TmfErrorException TooLarge(long limit) =>
        new(TmfError.ForStatus(StatusCodes.Status413PayloadTooLarge,
            $"The body is larger than {limit} bytes, the largest record Factline accepts (Factline:Projector:MaxRecordBytes)."));

    public static TmfErrorException TopicExists(string name, bool projected) =>
        new(new TmfError(TopicExistsCode, "Topic exists",
            $"Kafka already has a topic '{name}'" + (projected ? ", and Factline projects it." : "; add it to Factline:Kafka:Topics to project it."),
            StatusCodes.Status409Conflict));

    /// <summary>The refusal of <c>DELETE /topic/{id}</c> while deletion is not enabled.</summary>
    public static TmfError DeletionDisabled(string name) =>
        new(DeletionDisabledCode, "Topic deletion is disabled",
            $"Topic '{name}' cannot be deleted: facts are immutable and Kafka is the system of record, so deleting the topic would " +
            "delete history that no projection can bring back. An operator who means it sets Factline:Api:AllowTopicDeletion=true.",
            StatusCodes.Status405MethodNotAllowed);

    /// <summary>A posted fact whose eventId is taken by another fact: by different content, or in another topic.</summary>
    public static TmfErrorException EventIdConflict(string topic, StoredFact kept, string keptHref, IReadOnlyList<string> differences)
    {
        var eventId = kept.Fact.EventId;
        var why = kept.Position.Topic != topic
            ? $"the fact with that eventId was read from topic '{kept.Position.Topic}', not '{topic}'"
            : $"the posted fact differs from it in {string.Join(", ", differences)}";
        return new(new TmfError(EventIdConflictCode, "eventId already used",
            $"eventId '{eventId}' already names the fact at {kept.Position} ({keptHref}), and {why}. Facts are immutable: " +
            "post a correction as a new fact with its own eventId.",
            StatusCodes.Status409Conflict));
    }
}
