using Factline.Envelope;

namespace Factline.Storage.Memory;

/// <summary>
/// A kept fact: its envelope fields (what filters and sorts read, without the payload) and a copy of the
/// bytes it was read as, from which the whole fact is read back and re-deliveries compared.
/// </summary>
internal sealed record StoredRow(StoredFact Envelope, ReadOnlyMemory<byte> Raw)
{
    /// <remarks>
    /// The decoded fact is kept as it came (its recurring texts are already shared by the decoder): a copy with shared
    /// values cost more in collections of a heap that keeps every fact than the values it saved.
    /// </remarks>
    public static StoredRow From(ProjectedFact projected, ByteChunks raw)
    {
        // The payload is read back from the raw bytes; the projector's facts come without it.
        var fact = projected.Fact.Payload is null ? projected.Fact : projected.Fact with { Payload = null };
        return new(new StoredFact(fact, projected.Position), raw.Copy(projected.Raw.Span));
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
