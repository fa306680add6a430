using System.Text;
using Confluent.Kafka;
using Factline.Envelope;
using Factline.Kafka;
using Factline.Storage;

namespace Factline.Projection;

/// <summary>
/// Turns one Kafka record into either a fact or a quarantine entry. Never throws: a record that
/// cannot become a fact is kept, with its position and the reason, instead of stopping the pipeline.
/// </summary>
public sealed class RecordDecoder(ProjectorOptions options)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Beyond this many bytes, a key that is not text is shown cut short.</summary>
    private const int MaxKeyBytesShown = 64;

    /// <param name="record">Its value's bytes are kept in the fact, not copied: they must stay as they are until the store has applied it.</param>
    public RecordOutcome Decode(ConsumeResult<byte[]?, ReadOnlyMemory<byte>> record)
    {
        var position = KafkaLogPosition.Of(record);
        var value = record.Message.Value;

        if (value.Length > options.MaxRecordBytes)
            return Quarantine(record, position, QuarantineReason.Oversized,
                $"the value is {value.Length} bytes; the limit is {options.MaxRecordBytes}");
        if (value.Length == 0)
            return Quarantine(record, position, QuarantineReason.InvalidJson, "the value is empty (a tombstone or an empty record)");

        // The stores keep the value's bytes and read the payload from them: it is checked here, not materialised.
        var decoded = FactCodec.DecodeEnvelope(value.Span);
        if (decoded.IsValid)
            return new RecordOutcome(new ProjectedFact(decoded.Fact, position, value), null);
        return Quarantine(record, position, ReasonFor(decoded.Problem.Kind), decoded.Problem.ToString());
    }

    private RecordOutcome Quarantine(ConsumeResult<byte[]?, ReadOnlyMemory<byte>> record, LogPosition position, QuarantineReason reason, string detail)
    {
        // A copy: the value's own bytes are reused once its batch is in the store.
        var value = record.Message.Value;
        var kept = value[..Math.Min(value.Length, options.MaxQuarantinedBytes)].ToArray();
        var key = ReadableKey(record.Message.Key);
        if (key is null && record.Message.Key is { Length: > 0 } bytes)
            detail += $"; its key ({bytes.Length} bytes) is not UTF-8: {Hex(bytes)}";
        return new RecordOutcome(null, new QuarantineEntry(position, key, reason, detail, kept, value.Length));
    }

    /// <summary>A key that is not text is kept in the detail, in hex, so that the record can still be told by it.</summary>
    private static string Hex(byte[] key) =>
        key.Length <= MaxKeyBytesShown ? Convert.ToHexString(key) : $"{Convert.ToHexString(key, 0, MaxKeyBytesShown)}...";

    /// <summary>The key as text when it is valid UTF-8: normally the correlationId, so the timeline can point at the bad record.</summary>
    private static string? ReadableKey(byte[]? key)
    {
        if (key is null || key.Length == 0)
            return null;
        try
        {
            return StrictUtf8.GetString(key);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static QuarantineReason ReasonFor(FactProblemKind kind) => kind switch
    {
        FactProblemKind.InvalidJson => QuarantineReason.InvalidJson,
        FactProblemKind.MissingField => QuarantineReason.MissingField,
        FactProblemKind.WrongType => QuarantineReason.WrongType,
        FactProblemKind.UnsupportedVersion => QuarantineReason.UnsupportedVersion,
        _ => QuarantineReason.InvalidValue,
    };
}

/// <summary>Exactly one of the two is set.</summary>
public readonly record struct RecordOutcome(ProjectedFact? Fact, QuarantineEntry? Quarantined);
