using System.Buffers;

namespace Factline.Envelope;

/// <summary>Rules a well-typed fact must still satisfy; shared by the decoder, the producer and the API.</summary>
public static class FactValidator
{
    /// <summary>Identifiers longer than this are almost certainly a producer bug, not an id.</summary>
    public const int MaxIdentifierLength = 256;

    /// <summary>C0, DEL and C1: what <see cref="char.IsControl(char)"/> calls control characters.</summary>
    private static readonly SearchValues<char> ControlCharacters =
        SearchValues.Create([.. Enumerable.Range(0, char.MaxValue + 1).Select(c => (char)c).Where(char.IsControl)]);

    /// <summary>
    /// Returns the first rule the fact breaks, or null when it is valid. Every instant is a timestamp, the earliest too
    /// (.NET's default value): a fact without one is refused where it is read, and one built in code must set it.
    /// </summary>
    public static FactProblem? Validate(Fact fact)
    {
        return CheckIdentifier("eventId", fact.EventId, required: true) ?? CheckPathSegment("eventId", fact.EventId)
            ?? CheckIdentifier("correlationId", fact.CorrelationId, required: true) ?? CheckPathSegment("correlationId", fact.CorrelationId)
            ?? CheckIdentifier("messageId", fact.MessageId, required: false)
            ?? CheckIdentifier("stage", fact.Stage, required: true)
            ?? CheckIdentifier("eventType", fact.EventType, required: false)
            ?? CheckEnum("recordType", fact.RecordType)
            ?? CheckEnum("outcome", fact.Outcome)
            ?? (fact.Attempt < 1
                ? new FactProblem(FactProblemKind.InvalidValue, "attempt", $"must be 1 or more, got {fact.Attempt}")
                : null);
    }

    private static FactProblem? CheckIdentifier(string field, string? value, bool required)
    {
        if (value is null)
            return required ? new FactProblem(FactProblemKind.MissingField, field, "is required") : null;
        if (string.IsNullOrWhiteSpace(value))
            return new FactProblem(FactProblemKind.InvalidValue, field, "must not be blank");
        // Characters, not UTF-16 units: a character beyond the BMP (an emoji) is one. The count never exceeds the length.
        if (value.Length > MaxIdentifierLength && CharacterCount(value) is var characters and > MaxIdentifierLength)
            return new FactProblem(FactProblemKind.InvalidValue, field, $"is {characters} characters long; the limit is {MaxIdentifierLength}");
        // Ids name resources in hrefs, where a control character cannot go (HTTP servers refuse %00), and in logs, where it misleads.
        if (value.AsSpan().IndexOfAny(ControlCharacters) is var at and >= 0)
            return new FactProblem(FactProblemKind.InvalidValue, field, $"contains a control character (U+{(int)value[at]:X4}) at position {at + 1}");
        return null;
    }

    /// <summary>
    /// The eventId and the correlationId name resources in paths (/event/{eventId}, /timeline/{correlationId}), where "." and
    /// "..", escaped or not, are dot segments that HTTP servers resolve away (RFC 3986): no href could reach such a fact.
    /// </summary>
    private static FactProblem? CheckPathSegment(string field, string value) =>
        value is "." or ".."
            ? new FactProblem(FactProblemKind.InvalidValue, field, $"cannot be '{value}': a URL path resolves it away, so no href could name the fact")
            : null;

    private static int CharacterCount(string value)
    {
        var count = 0;
        foreach (var _ in value.EnumerateRunes())
            count++;
        return count;
    }

    private static FactProblem? CheckEnum<T>(string field, T value) where T : struct, Enum =>
        Enum.IsDefined(value) ? null : new FactProblem(FactProblemKind.InvalidValue, field, $"'{value}' is not a known value");
}
