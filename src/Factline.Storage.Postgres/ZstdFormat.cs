using System.Buffers.Binary;
using ZstdSharp.Unsafe;

namespace Factline.Storage.Postgres;

/// <summary>
/// What the store reads and writes of the zstd formats (RFC 8878): a stored value is a frame or plain JSON,
/// a frame's header names its dictionary, and a dictionary's header carries that name.
/// </summary>
internal static class ZstdFormat
{
    private const uint FrameMagic = 0xFD2FB528;
    private const uint DictionaryMagic = 0xEC30A437;

    /// <summary>
    /// Whether a stored value is a zstd frame. A record value is stored only once it has decoded as JSON,
    /// and JSON never starts with the frame's first byte ('('), so the two cannot be confused.
    /// </summary>
    public static bool IsFrame(ReadOnlySpan<byte> value) =>
        value.Length >= 4 && BinaryPrimitives.ReadUInt32LittleEndian(value) == FrameMagic;

    /// <summary>The dictionary a frame was compressed with, as zstd reads it from the frame header; 0 when it names none or the header is cut short.</summary>
    public static unsafe uint DictionaryIdOf(ReadOnlySpan<byte> frame)
    {
        fixed (byte* start = frame)
            return Methods.ZSTD_getDictID_fromFrame(start, (nuint)frame.Length);
    }

    /// <summary>Gives a trained dictionary the identifier its frames will name (RFC 8878, section 5).</summary>
    public static byte[] WithDictionaryId(byte[] dictionary, int id)
    {
        if (dictionary.Length < 8 || BinaryPrimitives.ReadUInt32LittleEndian(dictionary) != DictionaryMagic)
            throw new ArgumentException("not a zstd dictionary", nameof(dictionary));
        var named = (byte[])dictionary.Clone();
        BinaryPrimitives.WriteInt32LittleEndian(named.AsSpan(4), id);
        return named;
    }
}
