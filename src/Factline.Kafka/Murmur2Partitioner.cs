using System.Text;

namespace Factline.Kafka;

/// <summary>
/// Kafka's default key placement (Java's murmur2, which librdkafka's "murmur2_random" reproduces): lets
/// Factline name the one partition that can hold a correlationId without reading any record.
/// </summary>
public static class Murmur2Partitioner
{
    public static int PartitionFor(string key, int partitionCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitionCount, 1);
        // Called for every fact the projector reads: a key of the usual size is encoded on the stack.
        var length = Encoding.UTF8.GetByteCount(key);
        Span<byte> utf8 = length <= 512 ? stackalloc byte[length] : new byte[length];
        Encoding.UTF8.GetBytes(key, utf8);
        return (Hash(utf8) & 0x7fffffff) % partitionCount;
    }

    /// <summary>Murmur2 with Kafka's seed, bit for bit as org.apache.kafka.common.utils.Utils.murmur2.</summary>
    public static int Hash(ReadOnlySpan<byte> data)
    {
        const uint seed = 0x9747b28c;
        const uint m = 0x5bd1e995;
        const int r = 24;

        var length = data.Length;
        var h = seed ^ (uint)length;
        var blocks = length / 4;
        for (var i = 0; i < blocks; i++)
        {
            var k = (uint)(data[i * 4] | data[i * 4 + 1] << 8 | data[i * 4 + 2] << 16 | data[i * 4 + 3] << 24);
            k *= m;
            k ^= k >> r;
            k *= m;
            h *= m;
            h ^= k;
        }

        var tail = blocks * 4;
        switch (length % 4)
        {
            case 3:
                h ^= (uint)data[tail + 2] << 16;
                goto case 2;
            case 2:
                h ^= (uint)data[tail + 1] << 8;
                goto case 1;
            case 1:
                h ^= data[tail];
                h *= m;
                break;
        }

        h ^= h >> 13;
        h *= m;
        h ^= h >> 15;
        return (int)h;
    }
}
