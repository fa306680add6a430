namespace Factline.Envelope;

/// <summary>Rules a well-typed fact must still satisfy; shared by the decoder, the producer and the API.</summary>
public static class FactValidator
{
    /// <summary>Identifiers longer than this are almost certainly a producer bug, not an id.</summary>
    public const int MaxIdentifierLength = 256;

    /// <summary>Returns the first rule the fact breaks, or null when it is valid.</summary>
    public static FactProblem? Validate(Fact fact)
    {
        return CheckIdentifier("eventId", fact.EventId, required: true)
            ?? CheckIdentifier("correlationId", fact.CorrelationId, required: true)
            ?? CheckIdentifier("messageId", fact.MessageId, required: false)
            ?? CheckIdentifier("stage", fact.Stage, required: true)
            ?? CheckIdentifier("eventType", fact.EventType, required: false)
            ?? CheckEnum("recordType", fact.RecordType)
            ?? CheckEnum("outcome", fact.Outcome)
            ?? (fact.Attempt < 1
                ? new FactProblem(FactProblemKind.InvalidValue, "attempt", $"must be 1 or more, got {fact.Attempt}")
                : null)
            ?? (fact.Timestamp == default
                ? new FactProblem(FactProblemKind.MissingField, "timestamp", "is required")
                : null);
    }

    private static FactProblem? CheckIdentifier(string field, string? value, bool required)
    {
        if (value is null)
            return required ? new FactProblem(FactProblemKind.MissingField, field, "is required") : null;
        if (string.IsNullOrWhiteSpace(value))
            return new FactProblem(FactProblemKind.InvalidValue, field, "must not be blank");
        if (value.Length > MaxIdentifierLength)
            return new FactProblem(FactProblemKind.InvalidValue, field, $"is {value.Length} characters long; the limit is {MaxIdentifierLength}");
        return null;
    }

    private static FactProblem? CheckEnum<T>(string field, T value) where T : struct, Enum =>
        Enum.IsDefined(value) ? null : new FactProblem(FactProblemKind.InvalidValue, field, $"'{value}' is not a known value");
}
