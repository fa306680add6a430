namespace Factline.Storage;

/// <summary>A record that could not become a fact: where it is, what its key said, why it was refused.</summary>
/// <param name="Key">The Kafka key as UTF-8 text, when it is readable (normally the correlationId).</param>
/// <param name="Raw">The record value, cut to the configured bound.</param>
/// <param name="RawLength">The full length of the record value in bytes, before any cut.</param>
/// <param name="ConflictsWith">For <see cref="QuarantineReason.Conflict"/>: the position of the fact that was kept.</param>
public sealed record QuarantineEntry(
    LogPosition Position,
    string? Key,
    QuarantineReason Reason,
    string Detail,
    ReadOnlyMemory<byte> Raw,
    int RawLength,
    string? EventId = null,
    LogPosition? ConflictsWith = null);
