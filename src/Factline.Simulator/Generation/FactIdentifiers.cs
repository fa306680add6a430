using System.Buffers.Binary;

namespace Factline.Simulator.Generation;

/// <summary>
/// Identifiers drawn from the generator's seeded random source, so the same seed gives the same ids.
/// Event ids are ULIDs: sortable by the producer's millisecond clock, with 80 random bits.
/// </summary>
internal sealed class FactIdentifiers(Random random)
{
    private const string Crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public string EventId(DateTimeOffset timestamp)
    {
        Span<byte> bytes = stackalloc byte[16];
        // 48 bits of milliseconds, big-endian, then 80 random bits.
        BinaryPrimitives.WriteUInt64BigEndian(bytes, (ulong)timestamp.ToUnixTimeMilliseconds() << 16);
        random.NextBytes(bytes[6..]);
        return EncodeUlid(bytes);
    }

    public string MessageId() => $"msg-{Hex(6)}";

    /// <summary>The server-assigned id of the order or alarm, e.g. "po-3f9a0c1e".</summary>
    public string EntityId(string correlationPrefix) => $"{correlationPrefix.ToLowerInvariant()}-{Hex(4)}";

    public string CustomerRef() => $"CUST-{random.Next(1, 1_000_000):D6}";

    /// <summary>The reference a downstream system returns for a successful call, e.g. "ref-9c01d2e7".</summary>
    public string CallReference() => $"ref-{Hex(4)}";

    private string Hex(int byteCount)
    {
        Span<byte> bytes = stackalloc byte[byteCount];
        random.NextBytes(bytes);
        return Convert.ToHexStringLower(bytes);
    }

    /// <summary>128 bits as 26 Crockford base-32 characters, most significant first (the ULID text form).</summary>
    private static string EncodeUlid(ReadOnlySpan<byte> bytes) =>
        string.Create(26, BinaryPrimitives.ReadUInt128BigEndian(bytes), static (chars, v) =>
        {
            for (var i = chars.Length - 1; i >= 0; i--)
            {
                chars[i] = Crockford[(int)(v & 31)];
                v >>= 5;
            }
        });
}
