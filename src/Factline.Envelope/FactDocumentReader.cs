using System.Text;
using System.Text.Json;

namespace Factline.Envelope;

/// <summary>
/// Reads a <see cref="FactDocument"/> in one forward pass of <see cref="Utf8JsonReader"/>. Only the
/// envelope's fields become values; the payload and unknown fields are skipped, which still checks that
/// they are well-formed JSON. Property names match exactly (camelCase). An envelope field named twice in its object is
/// refused: JSON readers disagree on which of the two values counts (the first, the last, an error), so the fact would
/// not mean the same to every consumer of the log.
/// </summary>
internal static class FactDocumentReader
{
    /// <summary>Returns the first problem found, or null when <paramref name="document"/> holds every field read.</summary>
    /// <exception cref="JsonException">The text is not valid JSON (the caller reports where).</exception>
    public static FactProblem? Read(ReadOnlySpan<byte> utf8Json, out FactDocument document)
    {
        document = default;
        var reader = new Utf8JsonReader(utf8Json);
        reader.Read();
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                break;
            case JsonTokenType.Null:
                return NotAnObject(ref reader, "the record is JSON null, not an object");
            default:
                return NotAnObject(ref reader, "the record is not a JSON object");
        }

        var seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (ReadField(ref reader, ref document, ref seen) is { } problem)
                return problem;
        }
        // Anything after the object other than whitespace makes the reader throw.
        reader.Read();
        return null;
    }

    private static FactProblem? ReadField(ref Utf8JsonReader reader, ref FactDocument d, ref int seen)
    {
        if (reader.ValueTextEquals("eventId"u8))
            return Once(ref seen, 0, "eventId") ?? ReadString(ref reader, "eventId", out d.EventId);
        if (reader.ValueTextEquals("correlationId"u8))
            return Once(ref seen, 1, "correlationId") ?? ReadString(ref reader, "correlationId", out d.CorrelationId);
        if (reader.ValueTextEquals("messageId"u8))
            return Once(ref seen, 2, "messageId") ?? ReadString(ref reader, "messageId", out d.MessageId);
        if (reader.ValueTextEquals("recordType"u8))
            return Once(ref seen, 3, "recordType") ?? ReadString(ref reader, "recordType", out d.RecordType, recurring: true);
        if (reader.ValueTextEquals("eventType"u8))
            return Once(ref seen, 4, "eventType") ?? ReadString(ref reader, "eventType", out d.EventType, recurring: true);
        if (reader.ValueTextEquals("stage"u8))
            return Once(ref seen, 5, "stage") ?? ReadString(ref reader, "stage", out d.Stage, recurring: true);
        if (reader.ValueTextEquals("outcome"u8))
            return Once(ref seen, 6, "outcome") ?? ReadString(ref reader, "outcome", out d.Outcome, recurring: true);
        if (reader.ValueTextEquals("attempt"u8))
            return Once(ref seen, 7, "attempt") ?? ReadInt(ref reader, "attempt", out d.Attempt);
        if (reader.ValueTextEquals("timestamp"u8))
            return Once(ref seen, 8, "timestamp") ?? ReadTimestamp(ref reader, out d.Timestamp, out d.TimestampText);
        if (reader.ValueTextEquals("payload"u8))
            return Once(ref seen, 9, "payload") ?? LocatePayload(ref reader, out d.Payload);
        if (reader.ValueTextEquals("error"u8))
            return Once(ref seen, 10, "error") ?? ReadError(ref reader, out d.Error);
        if (reader.ValueTextEquals("metadata"u8))
            return Once(ref seen, 11, "metadata") ?? ReadMetadata(ref reader, out d.Metadata);
        if (reader.ValueTextEquals("envelopeVersion"u8))
            return Once(ref seen, 12, "envelopeVersion") ?? ReadInt(ref reader, "envelopeVersion", out d.EnvelopeVersion);

        // Unknown fields are tolerated for forward compatibility.
        return SkipValue(ref reader);
    }

    private static FactProblem? LocatePayload(ref Utf8JsonReader reader, out Range? payload)
    {
        payload = null;
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
            return null;
        var start = (int)reader.TokenStartIndex;
        reader.Skip();
        payload = start..(int)reader.BytesConsumed;
        return null;
    }

    private static FactProblem? ReadError(ref Utf8JsonReader reader, out FactError? error)
    {
        error = null;
        if (!StartObject(ref reader, "error", out var problem))
            return problem;
        string? code = null, message = null;
        bool? retryable = null;
        var seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            problem = reader.ValueTextEquals("code"u8) ? Once(ref seen, 0, "error.code") ?? ReadString(ref reader, "error.code", out code, recurring: true)
                : reader.ValueTextEquals("message"u8) ? Once(ref seen, 1, "error.message") ?? ReadString(ref reader, "error.message", out message)
                : reader.ValueTextEquals("retryable"u8) ? Once(ref seen, 2, "error.retryable") ?? ReadBool(ref reader, "error.retryable", out retryable)
                : SkipValue(ref reader);
            if (problem is not null)
                return problem;
        }
        error = new FactError { Code = code, Message = message, Retryable = retryable };
        return null;
    }

    private static FactProblem? ReadMetadata(ref Utf8JsonReader reader, out FactMetadata? metadata)
    {
        metadata = null;
        if (!StartObject(ref reader, "metadata", out var problem))
            return problem;
        string? producer = null, version = null, spec = null;
        var seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            problem = reader.ValueTextEquals("producer"u8) ? Once(ref seen, 0, "metadata.producer") ?? ReadString(ref reader, "metadata.producer", out producer, recurring: true)
                : reader.ValueTextEquals("version"u8) ? Once(ref seen, 1, "metadata.version") ?? ReadString(ref reader, "metadata.version", out version, recurring: true)
                : reader.ValueTextEquals("spec"u8) ? Once(ref seen, 2, "metadata.spec") ?? ReadString(ref reader, "metadata.spec", out spec, recurring: true)
                : SkipValue(ref reader);
            if (problem is not null)
                return problem;
        }
        metadata = RecurringStrings.ForThisThread.Metadata(producer, version, spec);
        return null;
    }

    /// <summary>Moves onto a nested object's start; false (with no problem) for null, false with a problem for any other value.</summary>
    private static bool StartObject(ref Utf8JsonReader reader, string field, out FactProblem? problem)
    {
        reader.Read();
        problem = reader.TokenType switch
        {
            JsonTokenType.StartObject or JsonTokenType.Null => null,
            _ => WrongType(field, "an object"),
        };
        return reader.TokenType == JsonTokenType.StartObject;
    }

    /// <param name="recurring">A field whose few values recur in nearly every fact: its strings come from <see cref="RecurringStrings"/>.</param>
    private static FactProblem? ReadString(ref Utf8JsonReader reader, string field, out string? value, bool recurring = false)
    {
        value = null;
        reader.Read();
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String when recurring && !reader.ValueIsEscaped && reader.ValueSpan.Length <= RecurringStrings.MaxLength:
                return RecurringStrings.ForThisThread.TryGet(reader.ValueSpan, out value) ? null : NotText(field);
            case JsonTokenType.String:
                return GetString(ref reader, field, out value);
            default:
                return WrongType(field, "a string");
        }
    }

    /// <summary>The string value the reader is on.</summary>
    private static FactProblem? GetString(ref Utf8JsonReader reader, string field, out string? value)
    {
        value = null;
        try
        {
            value = reader.GetString();
            return null;
        }
        catch (InvalidOperationException)
        {
            return NotText(field);
        }
    }

    /// <summary>The shape producers write is read from the bytes; any other text is kept for the full parser (and its problem).</summary>
    private static FactProblem? ReadTimestamp(ref Utf8JsonReader reader, out DateTimeOffset? value, out string? text)
    {
        value = null;
        text = null;
        reader.Read();
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String when !reader.ValueIsEscaped && Rfc3339.TryParseCanonical(reader.ValueSpan, out var parsed):
                value = parsed;
                return null;
            case JsonTokenType.String:
                return GetString(ref reader, "timestamp", out text);
            default:
                return WrongType("timestamp", "a string");
        }
    }

    private static FactProblem? ReadInt(ref Utf8JsonReader reader, string field, out int? value)
    {
        value = null;
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
            return null;
        if (reader.TokenType != JsonTokenType.Number)
            return WrongType(field, "a whole number");
        if (reader.TryGetInt32(out var number))
        {
            value = number;
            return null;
        }
        // JSON has one kind of number: 1.0 and 1e0 are the whole number 1. One too large for the field is out of range, not of a
        // wrong type, even one beyond what a decimal holds (1e30).
        var outOfRange = new FactProblem(FactProblemKind.InvalidValue, field,
            $"is {Encoding.UTF8.GetString(reader.ValueSpan)}, outside {int.MinValue} to {int.MaxValue}");
        if (!reader.TryGetDecimal(out var whole))
            return reader.TryGetDouble(out var large) && double.IsInteger(large) ? outOfRange : WrongType(field, "a whole number");
        if (!decimal.IsInteger(whole))
            return WrongType(field, "a whole number");
        if (whole is < int.MinValue or > int.MaxValue)
            return outOfRange;
        value = (int)whole;
        return null;
    }

    private static FactProblem? ReadBool(ref Utf8JsonReader reader, string field, out bool? value)
    {
        reader.Read();
        (value, var problem) = reader.TokenType switch
        {
            JsonTokenType.True => (true, null),
            JsonTokenType.False => (false, null),
            JsonTokenType.Null => ((bool?)null, (FactProblem?)null),
            _ => (null, WrongType(field, "true or false")),
        };
        return problem;
    }

    private static FactProblem? SkipValue(ref Utf8JsonReader reader)
    {
        reader.Read();
        reader.Skip();
        return null;
    }

    /// <summary>Marks field number <paramref name="bit"/> of its object as read; a problem when it was read before.</summary>
    private static FactProblem? Once(ref int seen, int bit, string field)
    {
        var mask = 1 << bit;
        if ((seen & mask) != 0)
            return new FactProblem(FactProblemKind.InvalidJson, field, "appears more than once in its object; JSON readers disagree on which value counts");
        seen |= mask;
        return null;
    }

    private static FactProblem NotText(string field) => new(FactProblemKind.InvalidJson, field, "is not text: invalid UTF-8, or a lone surrogate escape");

    private static FactProblem WrongType(string field, string expected) => new(FactProblemKind.WrongType, field, $"must be {expected}");

    /// <summary>
    /// A value that is JSON but not an object is of the wrong type; one that only starts like JSON ("nullx", "[1,2") is not
    /// JSON at all, which reading it to its end tells (a <see cref="JsonException"/>, as for any text that is not JSON).
    /// </summary>
    private static FactProblem NotAnObject(ref Utf8JsonReader reader, string detail)
    {
        reader.Skip();
        while (reader.Read())
        {
        }
        return new FactProblem(FactProblemKind.WrongType, null, detail);
    }
}
