using System.IO.Hashing;
using Confluent.Kafka;
using Factline.Storage;

namespace Factline.Kafka;

/// <summary>The <see cref="RecordFingerprint"/> of a consumed record: what a bookmark keeps of the newest record read.</summary>
public static class KafkaRecordFingerprint
{
    /// <summary>
    /// Hashes the value with the broker timestamp as seed, then the key with that hash as seed: two records differ in the
    /// fingerprint unless key, value and timestamp are all the same (XxHash3: a few tens of nanoseconds for a fact).
    /// </summary>
    public static RecordFingerprint Of(ConsumeResult<byte[]?, ReadOnlyMemory<byte>> record)
    {
        var valueHash = XxHash3.HashToUInt64(record.Message.Value.Span, record.Message.Timestamp.UnixTimestampMs);
        var hash = XxHash3.HashToUInt64(record.Message.Key ?? [], unchecked((long)valueHash));
        return new RecordFingerprint(record.Offset.Value, unchecked((long)hash));
    }
}
