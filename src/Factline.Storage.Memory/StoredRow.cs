using Factline.Envelope;

namespace Factline.Storage.Memory;

/// <summary>
/// A kept fact: its envelope fields (what filters and sorts read, without the payload) and a copy of the
/// bytes it was read as, from which the whole fact is read back and re-deliveries compared.
/// </summary>
internal sealed record StoredRow(StoredFact Envelope, ReadOnlyMemory<byte> Raw)
{
    public static StoredRow From(ProjectedFact projected, SharedValues shared, ByteChunks raw)
    {
        var fact = projected.Fact;
        var envelope = fact with
        {
            CorrelationId = shared.Share(fact.CorrelationId),
            EventType = shared.Share(fact.EventType),
            Stage = shared.Share(fact.Stage),
            Metadata = shared.Share(fact.Metadata),
            Payload = null,
        };
        return new(new StoredFact(envelope, projected.Position), raw.Copy(projected.Raw.Span));
    }

    public string EventId => Envelope.Fact.EventId;
    public LogPosition Position => Envelope.Position;

    /// <summary>The whole fact, payload included, as the projector read it.</summary>
    public StoredFact Read()
    {
        var decoded = FactCodec.DecodeShared(Raw);
        if (!decoded.IsValid)
            throw new InvalidDataException($"the stored fact at {Position} no longer decodes ({decoded.Problem})");
        return Envelope with { Fact = decoded.Fact };
    }
}
