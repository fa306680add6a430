using Factline.Envelope;

namespace Factline.Storage;

/// <summary>A decoded fact on its way into a store, with the exact bytes it was read as.</summary>
/// <param name="Fact">The envelope's fields. The projector leaves <see cref="Fact.Payload"/> null (see <see cref="FactCodec.DecodeEnvelope"/>): the payload is in <paramref name="Raw"/>.</param>
/// <param name="Raw">
/// The record value as Kafka holds it; stores keep it so content can be compared byte for byte, and read facts back from it.
/// Valid only until the store's apply of the batch completes: the projector then reuses the memory for later records,
/// so a store that keeps the bytes keeps a copy.
/// </param>
public sealed record ProjectedFact(Fact Fact, LogPosition Position, ReadOnlyMemory<byte> Raw);
