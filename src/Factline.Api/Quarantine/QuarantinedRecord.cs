using System.ComponentModel;
using System.Text;
using Factline.Api.Events;
using Factline.Storage;

namespace Factline.Api.Quarantine;

/// <summary>A record that could not become a fact, with where it is and why.</summary>
[Description("A Kafka record that could not become a fact: its position, key, reason and (bounded) content.")]
internal sealed record QuarantinedRecord(
    [property: Description("Where the record was read: topic/partition@offset.")] string Id,
    [property: Description("The record's own resource.")] string Href,
    [property: Description("Where the record is in Kafka.")] LogEvidence Log,
    [property: Description("The record's key as text, when readable (normally the correlationId).")] string? Key,
    [property: Description("INVALID_JSON, MISSING_FIELD, WRONG_TYPE, INVALID_VALUE, UNSUPPORTED_VERSION, OVERSIZED or CONFLICT.")] string Reason,
    [property: Description("The exact problem, naming the field.")] string Detail,
    [property: Description("For CONFLICT: the eventId used twice with different content.")] string? EventId,
    [property: Description("For CONFLICT: where the fact that was kept is.")] LogEvidence? ConflictsWith,
    [property: Description("The record value's full length in bytes.")] int RawLength,
    [property: Description("True when only the first bytes of the value were kept.")] bool Truncated,
    [property: Description("The kept bytes as text, when they are valid UTF-8.")] string? RawText,
    [property: Description("The kept bytes, base64, when they are not valid UTF-8.")] string? RawBase64)
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    public static QuarantinedRecord From(QuarantineEntry entry, HttpRequest request, TmfBasePath basePath)
    {
        var (text, base64) = Describe(entry.Raw.Span);
        var position = entry.Position;
        return new QuarantinedRecord(
            position.ToString(),
            HrefOf(position, request, basePath),
            LogEvidence.Of(entry.Position),
            entry.Key,
            QuarantineReasonNames.Of(entry.Reason),
            entry.Detail,
            entry.EventId,
            entry.ConflictsWith is { } kept ? LogEvidence.Of(kept) : null,
            entry.RawLength,
            entry.Raw.Length < entry.RawLength,
            text,
            base64);
    }

    /// <summary>The resource of the record quarantined at <paramref name="position"/>: a topic name needs no escaping.</summary>
    public static string HrefOf(LogPosition position, HttpRequest request, TmfBasePath basePath) =>
        basePath.Href(request, $"/quarantine/{position.Topic}/{position.Partition}/{position.Offset}");

    private static (string? Text, string? Base64) Describe(ReadOnlySpan<byte> raw)
    {
        try
        {
            return (StrictUtf8.GetString(raw), null);
        }
        catch (DecoderFallbackException)
        {
            return (null, Convert.ToBase64String(raw));
        }
    }
}
