using System.Text;
using Confluent.Kafka;
using Factline.Projection;
using Factline.Storage;

namespace Factline.Tests.Projection;

/// <summary>A record that cannot become a fact is quarantined with what tells it apart, its key included, whatever its bytes.</summary>
public sealed class RecordDecoderTests
{
    private readonly RecordDecoder _decoder = new(new ProjectorOptions());

    [Fact]
    public void A_quarantined_record_keeps_a_text_key_as_text()
    {
        var outcome = _decoder.Decode(Record(Encoding.UTF8.GetBytes("PO-1"), "not json"));

        Assert.Equal(("PO-1", QuarantineReason.InvalidJson), (outcome.Quarantined!.Key, outcome.Quarantined.Reason));
    }

    [Fact]
    public void A_quarantined_record_whose_key_is_not_text_keeps_the_key_in_hex_in_its_detail()
    {
        var outcome = _decoder.Decode(Record([0xFF, 0xFE, 0x41], "not json"));

        Assert.Null(outcome.Quarantined!.Key);
        Assert.EndsWith("; its key (3 bytes) is not UTF-8: FFFE41", outcome.Quarantined.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_key_that_is_not_text_is_shown_cut_short()
    {
        var key = Enumerable.Repeat((byte)0xFF, 100).ToArray();

        var outcome = _decoder.Decode(Record(key, "not json"));

        Assert.EndsWith($"; its key (100 bytes) is not UTF-8: {new string('F', 128)}...", outcome.Quarantined!.Detail, StringComparison.Ordinal);
    }

    private static ConsumeResult<byte[]?, ReadOnlyMemory<byte>> Record(byte[] key, string value) => new()
    {
        TopicPartitionOffset = new TopicPartitionOffset("tmf.facts", 0, 7),
        Message = new Message<byte[]?, ReadOnlyMemory<byte>>
        {
            Key = key,
            Value = Encoding.UTF8.GetBytes(value),
            Timestamp = new Timestamp(DateTime.UtcNow, TimestampType.CreateTime),
        },
    };
}
