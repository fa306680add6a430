using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Factline.Envelope;

/// <summary>Reads and writes the envelope's JSON wire format (UTF-8).</summary>
public static class FactCodec
{
    private static readonly FactProblem LoneSurrogate =
        new(FactProblemKind.InvalidJson, null, "holds a string with a lone surrogate escape (\\uD800 to \\uDFFF without its pair), which is not text");

    public static byte[] Encode(Fact fact) => JsonSerializer.SerializeToUtf8Bytes(fact, FactJsonContext.Default.Fact);

    /// <summary>Decodes and validates one record value, payload included (a copy of its bytes). Never throws for bad input.</summary>
    public static FactDecodeResult Decode(ReadOnlySpan<byte> utf8Json) => Decode(utf8Json, PayloadBytes.Copied, default, kept: false);

    /// <summary>
    /// Decodes a value a store kept: the payload refers to its bytes instead of a copy (nobody changes them), and the
    /// rules of acceptance (<see cref="FactValidator"/>, the UTF-8 of what the envelope does not read) are not applied again.
    /// The value was accepted when it was stored, maybe by an earlier release with looser rules: it reads back as kept.
    /// </summary>
    public static FactDecodeResult DecodeShared(ReadOnlyMemory<byte> utf8Json) => Decode(utf8Json.Span, PayloadBytes.Shared, utf8Json, kept: true);

    /// <summary>
    /// Decodes a value a store kept, like <see cref="DecodeShared"/>, from bytes that are only lent (a database row
    /// read in place): the payload is a copy of its own bytes, the rest of the value is not kept.
    /// </summary>
    public static FactDecodeResult DecodeKept(ReadOnlySpan<byte> utf8Json) => Decode(utf8Json, PayloadBytes.Copied, default, kept: true);

    /// <summary>
    /// Decodes and validates one record value like <see cref="Decode(ReadOnlySpan{byte})"/>, but leaves the payload in the bytes:
    /// it is checked to be well-formed JSON, and <see cref="Fact.Payload"/> stays null. For callers that keep
    /// the bytes and read the payload from them when they need it (the projection stores).
    /// </summary>
    public static FactDecodeResult DecodeEnvelope(ReadOnlySpan<byte> utf8Json) => Decode(utf8Json, PayloadBytes.Left, default, kept: false);

    /// <param name="shared">The same bytes as <paramref name="utf8Json"/> when the payload is <see cref="PayloadBytes.Shared"/>.</param>
    /// <param name="kept">A value a store accepted before: the rules of acceptance are not applied again.</param>
    private static FactDecodeResult Decode(ReadOnlySpan<byte> utf8Json, PayloadBytes payloadBytes, ReadOnlyMemory<byte> shared, bool kept)
    {
        FactDocument document;
        FactProblem? problem;
        try
        {
            problem = FactDocumentReader.Read(utf8Json, out document);
        }
        catch (JsonException e)
        {
            return Reject(new FactProblem(FactProblemKind.InvalidJson, null, IsValidDeeperThanReadersGo(utf8Json)
                ? $"nested deeper than {DefaultMaxDepth} levels, the most the JSON readers here take"
                : $"not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})"));
        }
        catch (InvalidOperationException) when (HasLoneSurrogateEscape(utf8Json))
        {
            // The reader compares property names as text, and a name with a lone surrogate escape is none.
            return Reject(LoneSurrogate);
        }
        // A field that is not text is named by the reader; a value that is not text anywhere else outranks what its fields lack.
        if (problem is { Kind: FactProblemKind.InvalidJson })
            return Reject(problem);
        var accepting = !kept;
        // The reader checks the UTF-8 of the fields it reads, not of the strings it only passes over (payload, unknown fields).
        if (accepting && !Utf8.IsValid(utf8Json))
            return Reject(new FactProblem(FactProblemKind.InvalidJson, null, $"not valid UTF-8 (byte {FirstInvalidUtf8(utf8Json) + 1})"));
        // Escapes are text too: a \uD800 without its pair is no character, and strict JSON readers refuse the value it is in.
        if (accepting && HasLoneSurrogateEscape(utf8Json))
            return Reject(LoneSurrogate);
        if (problem is not null)
            return Reject(problem);
        // The reader has checked the payload to be well-formed JSON.
        RawJson? payload = document.Payload is not { } range ? null : payloadBytes switch
        {
            PayloadBytes.Copied => new RawJson(utf8Json[range].ToArray()),
            PayloadBytes.Shared => new RawJson(shared[range]),
            _ => null,
        };
        return FromDocument(document, payload, accepting);
    }

    private static FactDecodeResult FromDocument(in FactDocument d, RawJson? payload, bool accepting)
    {
        if (d.EnvelopeVersion is { } version && version != Fact.CurrentEnvelopeVersion)
            return Reject(new FactProblem(FactProblemKind.UnsupportedVersion, "envelopeVersion",
                $"version {version} is not supported (this build reads version {Fact.CurrentEnvelopeVersion})"));

        var missing = Missing(d.EventId, "eventId") ?? Missing(d.CorrelationId, "correlationId")
            ?? Missing(d.RecordType, "recordType") ?? Missing(d.Stage, "stage")
            ?? Missing(d.Outcome, "outcome") ?? (d.Timestamp is null ? Missing(d.TimestampText, "timestamp") : null);
        if (missing is not null)
            return Reject(missing);

        if (!WireNames.TryParseRecordType(d.RecordType!, out var recordType))
            return Reject(new FactProblem(FactProblemKind.InvalidValue, "recordType", $"'{d.RecordType}' is not INGRESS or EXECUTION"));
        if (!WireNames.TryParseOutcome(d.Outcome!, out var outcome))
            return Reject(new FactProblem(FactProblemKind.InvalidValue, "outcome", $"'{d.Outcome}' is not SUCCESS, ERROR, IN_PROGRESS or UNKNOWN"));
        if (d.Timestamp is not { } timestamp
            && !(accepting ? Rfc3339.TryParse(d.TimestampText, out timestamp) : Rfc3339.TryParseAsKept(d.TimestampText, out timestamp)))
            return Reject(new FactProblem(FactProblemKind.InvalidValue, "timestamp", Rfc3339.Refusal(d.TimestampText)));

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
            Payload = payload,
            Error = d.Error,
            Metadata = d.Metadata,
        };
        return accepting && FactValidator.Validate(fact) is { } problem ? Reject(problem) : new FactDecodeResult(fact, null);
    }

    /// <summary>What a decoded fact's payload holds.</summary>
    private enum PayloadBytes
    {
        /// <summary>Nothing: the payload is left in the record.</summary>
        Left,
        Copied,

        /// <summary>The bytes of a value a store kept (see <see cref="DecodeShared"/>).</summary>
        Shared,
    }

    /// <summary>How deep System.Text.Json reads by default (its options say 0 for it): the envelope's reader, and the API's.</summary>
    private const int DefaultMaxDepth = 64;

    /// <summary>Whether a value refused as JSON is well-formed after all, only nested deeper than the readers' default depth.</summary>
    private static bool IsValidDeeperThanReadersGo(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = int.MaxValue });
        try
        {
            while (reader.Read())
            {
            }
            return reader.TokenType != JsonTokenType.None;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Whether any string holds an escaped surrogate that does not make a pair with the next; cheap for the usual value without escapes.</summary>
    private static bool HasLoneSurrogateEscape(ReadOnlySpan<byte> utf8Json)
    {
        if (utf8Json.IndexOf(@"\u"u8) < 0)
            return false;
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = DefaultMaxDepth });
        while (reader.Read())
        {
            if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.PropertyName) || !reader.ValueIsEscaped)
                continue;
            try
            {
                reader.GetString();
            }
            catch (InvalidOperationException)
            {
                return true;
            }
        }
        return false;
    }

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> utf8)
    {
        var offset = 0;
        while (Rune.DecodeFromUtf8(utf8[offset..], out _, out var consumed) == OperationStatus.Done)
            offset += consumed;
        return offset;
    }

    private static FactProblem? Missing(string? value, string field) =>
        value is null ? new FactProblem(FactProblemKind.MissingField, field, "is required") : null;

    private static FactDecodeResult Reject(FactProblem problem) => new(null, problem);
}
