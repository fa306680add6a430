namespace Factline.Storage;

/// <summary>
/// Copies byte values into large chunks instead of an array each: many facts' bytes are then a few arrays on the
/// large object heap, which young-generation collections neither copy nor walk, rather than one small array per fact
/// for every collection to promote. Values larger than an eighth of a chunk get an array of their own rather than
/// leave most of a chunk empty. The owner can hand the chunks filled so far to whoever holds their values
/// (<see cref="TakeFilled"/>) and give them back for reuse once nobody reads those values (<see cref="Reuse"/>).
/// Not thread-safe.
/// </summary>
/// <param name="chunkBytes">At least 85,000 bytes puts each chunk on the large object heap.</param>
/// <param name="mostFreeChunks">Chunks kept for reuse; those given back beyond it are left to the collector.</param>
public sealed class ByteChunks(int chunkBytes, int mostFreeChunks = 0)
{
    private readonly Stack<byte[]> _free = new();
    private readonly List<byte[]> _filled = [];
    private byte[]? _current;
    private int _used;

    public int ChunkBytes => chunkBytes;

    public ReadOnlyMemory<byte> Copy(ReadOnlySpan<byte> value)
    {
        if (value.Length > chunkBytes / 8)
            return value.ToArray();
        if (_current is null || _used + value.Length > _current.Length)
            StartChunk();
        var copy = new Memory<byte>(_current, _used, value.Length);
        value.CopyTo(copy.Span);
        _used += value.Length;
        return copy;
    }

    /// <summary>The chunks that hold the values copied since the last call; the next value starts a new chunk.</summary>
    public byte[][] TakeFilled()
    {
        if (_current is not null)
            _filled.Add(_current);
        _current = null;
        var taken = _filled.ToArray();
        _filled.Clear();
        return taken;
    }

    /// <summary>Chunks whose values nobody reads any more are filled again.</summary>
    public void Reuse(IEnumerable<byte[]> chunks)
    {
        foreach (var chunk in chunks)
        {
            if (_free.Count < mostFreeChunks)
                _free.Push(chunk);
        }
    }

    private void StartChunk()
    {
        if (_current is not null)
            _filled.Add(_current);
        _current = _free.TryPop(out var reused) ? reused : new byte[chunkBytes];
        _used = 0;
    }
}
