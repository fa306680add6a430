using Confluent.Kafka;

namespace Factline.Projection;

/// <summary>
/// Copies record values out of librdkafka's buffers into large reusable chunks instead of an array per
/// record. A replay keeps every value it read until the store has applied its batch; as arrays of their
/// own, those values were most of what each young-generation collection had to copy, and most of why
/// collections came so often. The chunks are handed to the batch that holds their values
/// (<see cref="TakeFilled"/>) and come back once the store has applied it (<see cref="Return"/>).
/// Not thread-safe: the projector's loop deserializes, seals and settles one step after another.
/// </summary>
internal sealed class ValueArena : IDeserializer<ReadOnlyMemory<byte>>
{
    /// <summary>Large enough for a few hundred facts and on the large object heap, which collections do not copy.</summary>
    public const int ChunkBytes = 256 * 1024;

    /// <summary>Values larger than this get an array of their own rather than leave most of a chunk empty.</summary>
    private const int LargestPooledValue = ChunkBytes / 8;

    /// <summary>Chunks kept for reuse: two batches in flight at the projector's default size, and some room.</summary>
    private const int MostFreeChunks = 64;

    private readonly Stack<byte[]> _free = new();
    private readonly List<byte[]> _filled = [];
    private byte[]? _current;
    private int _used;

    public ReadOnlyMemory<byte> Deserialize(ReadOnlySpan<byte> data, bool isNull, SerializationContext context)
    {
        if (isNull || data.IsEmpty)
            return ReadOnlyMemory<byte>.Empty;
        if (data.Length > LargestPooledValue)
            return data.ToArray();
        if (_current is null || _used + data.Length > _current.Length)
            StartChunk();
        var value = new Memory<byte>(_current, _used, data.Length);
        data.CopyTo(value.Span);
        _used += data.Length;
        return value;
    }

    /// <summary>The chunks that hold the values handed out since the last call; the next value starts a new chunk.</summary>
    public byte[][] TakeFilled()
    {
        if (_current is not null)
            _filled.Add(_current);
        _current = null;
        var taken = _filled.ToArray();
        _filled.Clear();
        return taken;
    }

    /// <summary>Chunks whose values nobody reads any more (their batch is in the store) are reused.</summary>
    public void Return(IEnumerable<byte[]> chunks)
    {
        foreach (var chunk in chunks)
        {
            if (_free.Count < MostFreeChunks)
                _free.Push(chunk);
        }
    }

    private void StartChunk()
    {
        if (_current is not null)
            _filled.Add(_current);
        _current = _free.TryPop(out var reused) ? reused : new byte[ChunkBytes];
        _used = 0;
    }
}
