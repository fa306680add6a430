namespace Factline.Storage.Memory;

/// <summary>
/// The store's own copies of its facts' bytes (the projector reuses the memory it hands in), packed into large
/// append-only chunks: a million facts are a few thousand arrays on the large object heap, which collections
/// neither copy nor walk, rather than a million small arrays that every collection of a growing heap promotes.
/// Not thread-safe: used by the store's single writer. A batch that fails after copying leaves its copies
/// unreferenced in a chunk; nothing reads them.
/// </summary>
internal sealed class RawBytes
{
    private const int ChunkBytes = 1024 * 1024;

    /// <summary>Larger values get an array of their own rather than leave most of a chunk empty.</summary>
    private const int LargestPackedValue = ChunkBytes / 8;

    private byte[] _chunk = [];
    private int _used;

    public ReadOnlyMemory<byte> Keep(ReadOnlySpan<byte> raw)
    {
        if (raw.Length > LargestPackedValue)
            return raw.ToArray();
        if (_used + raw.Length > _chunk.Length)
        {
            _chunk = new byte[ChunkBytes];
            _used = 0;
        }
        var kept = new Memory<byte>(_chunk, _used, raw.Length);
        raw.CopyTo(kept.Span);
        _used += raw.Length;
        return kept;
    }
}
