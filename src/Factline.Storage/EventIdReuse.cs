using Factline.Envelope;

namespace Factline.Storage;

/// <summary>
/// What every store decides when an eventId arrives that it already holds: the same content is a
/// harmless re-delivery; different content is a conflict that is quarantined beside the kept fact.
/// </summary>
public static class EventIdReuse
{
    /// <summary>Byte-identical values, or facts that <see cref="FactDifference"/> finds no difference between.</summary>
    public static bool IsSameContent(ReadOnlyMemory<byte> kept, ReadOnlyMemory<byte> incoming)
    {
        if (kept.Span.SequenceEqual(incoming.Span))
            return true;
        var keptFact = FactCodec.DecodeShared(kept);
        var incomingFact = FactCodec.DecodeShared(incoming);
        return keptFact.IsValid && incomingFact.IsValid && FactDifference.Between(keptFact.Fact, incomingFact.Fact).Count == 0;
    }

    /// <summary>The quarantine entry for a fact that re-used the eventId of the fact kept at <paramref name="kept"/>.</summary>
    public static QuarantineEntry Conflict(ProjectedFact rejected, LogPosition kept) => new(
        rejected.Position,
        rejected.Fact.CorrelationId,
        QuarantineReason.Conflict,
        $"eventId '{rejected.Fact.EventId}' at {rejected.Position} has different content than the fact kept at {kept}",
        rejected.Raw,
        rejected.Raw.Length,
        rejected.Fact.EventId,
        kept);
}
