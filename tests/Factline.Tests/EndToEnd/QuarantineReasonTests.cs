using System.Text;
using Factline.Projection.DeadLetters;
using Factline.Storage;
using Factline.Storage.Queries;
using Factline.Tests.Infrastructure;

namespace Factline.Tests.EndToEnd;

/// <summary>Every kind of bad record, read from Kafka by the real projector, ends in quarantine with its reason; good facts around it still arrive.</summary>
[Collection(MockKafkaCollection.Name)]
public sealed class QuarantineReasonTests(MockKafkaFixture kafka)
{
    private const int MaxRecordBytes = 2_000;
    private const int MaxQuarantinedBytes = 100;
    private const string Valid = "\"eventId\":\"{0}\",\"correlationId\":\"PO-BAD\",\"recordType\":\"EXECUTION\",\"stage\":\"s\",\"outcome\":\"SUCCESS\",\"timestamp\":\"2026-11-26T10:00:00Z\"";

    private static readonly (string Value, QuarantineReason Reason, string Detail)[] Records =
    [
        ("{\"eventId\": ", QuarantineReason.InvalidJson, "not valid JSON"),
        ("{\"\\ud800\":1}", QuarantineReason.InvalidJson, "lone surrogate escape"),
        ("{" + string.Format(Valid, "e-missing").Replace(",\"stage\":\"s\"", "") + "}", QuarantineReason.MissingField, "stage: is required"),
        ("{" + string.Format(Valid, "e-type") + ",\"attempt\":\"two\"}", QuarantineReason.WrongType, "attempt: must be a whole number"),
        ("{" + string.Format(Valid, "e-value").Replace("SUCCESS", "DONE") + "}", QuarantineReason.InvalidValue, "outcome: 'DONE' is not"),
        ("{" + string.Format(Valid, "e-version") + ",\"envelopeVersion\":2}", QuarantineReason.UnsupportedVersion, "envelopeVersion: version 2 is not supported"),
        ("{" + string.Format(Valid, "e-big") + ",\"payload\":\"" + new string('x', MaxRecordBytes) + "\"}", QuarantineReason.Oversized, $"the limit is {MaxRecordBytes}"),
    ];

    [Fact]
    public async Task Each_reason_is_recorded_with_position_key_and_bounded_bytes()
    {
        var topic = kafka.CreateTopic(partitions: 1);
        foreach (var record in Records)
            await kafka.ProduceRawAsync(topic, "PO-BAD", record.Value);
        await kafka.ProduceRawAsync(topic, "PO-BAD", "{" + string.Format(Valid, "e-good") + "}");

        await using var factline = new FactlineInstance(kafka.BootstrapServers, topic, settings: new Dictionary<string, string>
        {
            ["Factline:Projector:MaxRecordBytes"] = MaxRecordBytes.ToString(),
            ["Factline:Projector:MaxQuarantinedBytes"] = MaxQuarantinedBytes.ToString(),
        });
        await factline.StartAsync();
        await factline.WaitForAsync(1, quarantined: Records.Length);

        var quarantined = (await factline.Reader.QueryQuarantineAsync(new QuarantineQuery { Topic = topic })).Items;
        Assert.Equal(Records.Length, quarantined.Count);
        for (var offset = 0; offset < Records.Length; offset++)
        {
            var entry = quarantined[offset];
            Assert.Equal(offset, entry.Position.Offset);
            Assert.Equal(Records[offset].Reason, entry.Reason);
            Assert.Contains(Records[offset].Detail, entry.Detail);
            Assert.Equal("PO-BAD", entry.Key);
            Assert.NotNull(entry.Position.BrokerTimestamp);
            var bytes = Encoding.UTF8.GetBytes(Records[offset].Value);
            Assert.Equal(bytes.Length, entry.RawLength);
            Assert.Equal(bytes.Take(MaxQuarantinedBytes), entry.Raw.ToArray());
        }
        Assert.NotNull(await factline.Reader.FindAsync("e-good"));
        var counters = await factline.Reader.ReadCountersAsync();
        Assert.All(Records, r => Assert.Equal(Records.Count(other => other.Reason == r.Reason), counters.QuarantinedByReason[r.Reason]));
    }

    [Fact]
    public async Task With_a_dead_letter_topic_each_quarantined_record_also_goes_there_as_the_quarantine_keeps_it()
    {
        var (topic, deadLetters) = (kafka.CreateTopic(partitions: 1), kafka.CreateTopic(prefix: "dead-letters"));
        foreach (var record in Records)
            await kafka.ProduceRawAsync(topic, "PO-BAD", record.Value);

        await using var factline = new FactlineInstance(kafka.BootstrapServers, topic, settings: new Dictionary<string, string>
        {
            ["Factline:Kafka:DeadLetterTopic"] = deadLetters,
            ["Factline:Projector:MaxRecordBytes"] = MaxRecordBytes.ToString(),
            ["Factline:Projector:MaxQuarantinedBytes"] = MaxQuarantinedBytes.ToString(),
        });
        await factline.StartAsync();
        await factline.WaitForAsync(0, quarantined: Records.Length);

        var written = kafka.ConsumeAll(deadLetters);
        Assert.Equal(Records.Length, written.Count);
        for (var offset = 0; offset < Records.Length; offset++)
        {
            var record = Assert.Single(written, r => r.HeaderText(DeadLetterRecord.SourceOffset) == offset.ToString());
            Assert.Equal(topic, record.HeaderText(DeadLetterRecord.SourceTopic));
            Assert.Equal(QuarantineReasonNames.Of(Records[offset].Reason), record.HeaderText(DeadLetterRecord.Reason));
            Assert.Contains(Records[offset].Detail, record.HeaderText(DeadLetterRecord.Detail));
            Assert.Equal("PO-BAD", record.Message.Key);
            var bytes = Encoding.UTF8.GetBytes(Records[offset].Value);
            Assert.Equal(bytes.Take(MaxQuarantinedBytes), record.Message.Value!);
            Assert.Equal(bytes.Length.ToString(), record.HeaderText(DeadLetterRecord.ValueLength));
        }
    }

}
