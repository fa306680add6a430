using Confluent.Kafka;
using Factline.Storage;

namespace Factline.Projection;

/// <summary>
/// Copies record values out of librdkafka's buffers into reusable <see cref="ByteChunks"/> instead of an array per
/// record. A replay keeps every value it read until the store has applied its batch; as arrays of their own, those
/// values were most of what each young-generation collection had to copy, and most of why collections came so often.
/// The chunks are handed to the batch that holds their values (<see cref="TakeFilled"/>) and come back once the
/// store has applied it (<see cref="Return"/>). Not thread-safe: the projector's loop deserializes, seals and
/// settles one step after another.
/// </summary>
internal sealed class ValueArena : IDeserializer<ReadOnlyMemory<byte>>
{
    /// <summary>Large enough for a few hundred facts and on the large object heap, which collections do not copy.</summary>
    public const int ChunkBytes = 256 * 1024;

    /// <summary>Chunks kept for reuse: two batches in flight at the projector's default size, and some room.</summary>
    private const int MostFreeChunks = 64;

    private readonly ByteChunks _chunks = new(ChunkBytes, MostFreeChunks);

    public ReadOnlyMemory<byte> Deserialize(ReadOnlySpan<byte> data, bool isNull, SerializationContext context) =>
        isNull || data.IsEmpty ? ReadOnlyMemory<byte>.Empty : _chunks.Copy(data);

    /// <summary>The chunks that hold the values handed out since the last call; the next value starts a new chunk.</summary>
    public byte[][] TakeFilled() => _chunks.TakeFilled();

    /// <summary>Chunks whose values nobody reads any more (their batch is in the store) are reused.</summary>
    public void Return(IEnumerable<byte[]> chunks) => _chunks.Reuse(chunks);
}
