using System.Buffers.Binary;

namespace Factline.Storage.Postgres;

/// <summary>
/// The two fields of the zstd formats (RFC 8878) the store relies on: a frame's header names the dictionary
/// it was compressed with, and a dictionary's header carries that name.
/// </summary>
internal static class ZstdFormat
{
    private const uint FrameMagic = 0xFD2FB528;
    private const uint DictionaryMagic = 0xEC30A437;

    /// <summary>The smallest identifier outside the range RFC 8878 reserves for a future registry.</summary>
    public const int FirstPrivateDictionaryId = 32768;

    /// <summary>
    /// Whether a stored value is a zstd frame. A record value is stored only once it has decoded as JSON,
    /// and JSON never starts with the frame's first byte ('('), so the two cannot be confused.
    /// </summary>
    public static bool IsFrame(ReadOnlySpan<byte> value) =>
        value.Length >= 4 && BinaryPrimitives.ReadUInt32LittleEndian(value) == FrameMagic;

    /// <summary>The dictionary a frame was compressed with (RFC 8878, 3.1.1.1); 0 when it names none.</summary>
    /// <exception cref="InvalidDataException">The frame header is cut short.</exception>
    public static uint DictionaryIdOf(ReadOnlySpan<byte> frame)
    {
        if (frame.Length < 5)
            throw new InvalidDataException("the zstd frame header is cut short");
        var descriptor = frame[4];
        var singleSegment = (descriptor & 0x20) != 0;
        var idLength = (descriptor & 0x03) switch { 0 => 0, 1 => 1, 2 => 2, _ => 4 };
        var start = 5 + (singleSegment ? 0 : 1);
        if (frame.Length < start + idLength)
            throw new InvalidDataException("the zstd frame header is cut short");
        var id = frame.Slice(start, idLength);
        return idLength switch
        {
            0 => 0,
            1 => id[0],
            2 => BinaryPrimitives.ReadUInt16LittleEndian(id),
            _ => BinaryPrimitives.ReadUInt32LittleEndian(id),
        };
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
