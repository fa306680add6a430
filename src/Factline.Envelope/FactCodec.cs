using System.Text.Json;

namespace Factline.Envelope;

/// <summary>Reads and writes the envelope's JSON wire format (UTF-8).</summary>
public static class FactCodec
{
    public static byte[] Encode(Fact fact) => JsonSerializer.SerializeToUtf8Bytes(fact, FactJsonContext.Default.Fact);

    /// <summary>Decodes and validates one record value. Never throws for bad input.</summary>
    public static FactDecodeResult Decode(ReadOnlySpan<byte> utf8Json)
    {
        FactDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(utf8Json, FactJsonContext.Default.FactDocument);
        }
        catch (JsonException e)
        {
            return Reject(DescribeJsonError(e));
        }

        if (document is null)
            return Reject(new FactProblem(FactProblemKind.WrongType, null, "the record is JSON null, not an object"));
        return FromDocument(document);
    }

    private static FactDecodeResult FromDocument(FactDocument d)
    {
        if (d.EnvelopeVersion is { } version && version != Fact.CurrentEnvelopeVersion)
            return Reject(new FactProblem(FactProblemKind.UnsupportedVersion, "envelopeVersion",
                $"version {version} is not supported (this build reads version {Fact.CurrentEnvelopeVersion})"));

        var missing = Missing(d.EventId, "eventId") ?? Missing(d.CorrelationId, "correlationId")
            ?? Missing(d.RecordType, "recordType") ?? Missing(d.Stage, "stage")
            ?? Missing(d.Outcome, "outcome") ?? Missing(d.Timestamp, "timestamp");
        if (missing is not null)
            return Reject(missing);

        if (!WireNames.TryParseRecordType(d.RecordType!, out var recordType))
            return Reject(new FactProblem(FactProblemKind.InvalidValue, "recordType", $"'{d.RecordType}' is not INGRESS or EXECUTION"));
        if (!WireNames.TryParseOutcome(d.Outcome!, out var outcome))
            return Reject(new FactProblem(FactProblemKind.InvalidValue, "outcome", $"'{d.Outcome}' is not SUCCESS, ERROR, IN_PROGRESS or UNKNOWN"));
        if (!Rfc3339.TryParse(d.Timestamp, out var timestamp))
            return Reject(new FactProblem(FactProblemKind.InvalidValue, "timestamp", $"'{d.Timestamp}' is not an RFC 3339 time with an offset"));

        var fact = new Fact
        {
            EventId = d.EventId!,
            CorrelationId = d.CorrelationId!,
            MessageId = d.MessageId,
            RecordType = recordType,
            EventType = d.EventType,
            Stage = d.Stage!,
            Outcome = outcome,
            Attempt = d.Attempt ?? 1,
            Timestamp = timestamp,
            Payload = d.Payload is { ValueKind: JsonValueKind.Null } ? null : d.Payload,
            Error = d.Error,
            Metadata = d.Metadata,
        };
        return FactValidator.Validate(fact) is { } problem ? Reject(problem) : new FactDecodeResult(fact, null);
    }

    private static FactProblem? Missing(string? value, string field) =>
        value is null ? new FactProblem(FactProblemKind.MissingField, field, "is required") : null;

    /// <summary>
    /// System.Text.Json wraps syntax errors from its reader in an inner JsonException; type mismatches
    /// carry only the path ("$.attempt") of the offending value. Turn either into a named problem.
    /// </summary>
    private static FactProblem DescribeJsonError(JsonException e)
    {
        if (e.InnerException is JsonException)
            return new FactProblem(FactProblemKind.InvalidJson, null,
                $"not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})");
        if (e.Path is null or "$")
            return new FactProblem(FactProblemKind.WrongType, null, "the record is not a JSON object");
        var field = e.Path.StartsWith("$.", StringComparison.Ordinal) ? e.Path[2..] : e.Path;
        return new FactProblem(FactProblemKind.WrongType, field, "has the wrong JSON type");
    }

    private static FactDecodeResult Reject(FactProblem problem) => new(null, problem);
}
