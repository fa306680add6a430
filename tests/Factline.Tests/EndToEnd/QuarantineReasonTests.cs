using System.Text;
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

    [Fact]
    public async Task Each_reason_is_recorded_with_position_key_and_bounded_bytes()
    {
        var topic = kafka.CreateTopic(partitions: 1);
        var records = new (string Value, QuarantineReason Reason, string Detail)[]
        {
            ("{\"eventId\": ", QuarantineReason.InvalidJson, "not valid JSON"),
            ("{" + string.Format(Valid, "e-missing").Replace(",\"stage\":\"s\"", "") + "}", QuarantineReason.MissingField, "stage: is required"),
            ("{" + string.Format(Valid, "e-type") + ",\"attempt\":\"two\"}", QuarantineReason.WrongType, "attempt: must be a whole number"),
            ("{" + string.Format(Valid, "e-value").Replace("SUCCESS", "DONE") + "}", QuarantineReason.InvalidValue, "outcome: 'DONE' is not"),
            ("{" + string.Format(Valid, "e-version") + ",\"envelopeVersion\":2}", QuarantineReason.UnsupportedVersion, "envelopeVersion: version 2 is not supported"),
            ("{" + string.Format(Valid, "e-big") + ",\"payload\":\"" + new string('x', MaxRecordBytes) + "\"}", QuarantineReason.Oversized, $"the limit is {MaxRecordBytes}"),
        };
        foreach (var record in records)
            await kafka.ProduceRawAsync(topic, "PO-BAD", record.Value);
        await kafka.ProduceRawAsync(topic, "PO-BAD", "{" + string.Format(Valid, "e-good") + "}");

        await using var factline = new FactlineInstance(kafka.BootstrapServers, topic, settings: new Dictionary<string, string>
        {
            ["Factline:Projector:MaxRecordBytes"] = MaxRecordBytes.ToString(),
            ["Factline:Projector:MaxQuarantinedBytes"] = MaxQuarantinedBytes.ToString(),
        });
        await factline.StartAsync();
        await factline.WaitForAsync(1, quarantined: records.Length);

        var quarantined = (await factline.Reader.QueryQuarantineAsync(new QuarantineQuery { Topic = topic })).Items;
        Assert.Equal(records.Length, quarantined.Count);
        for (var offset = 0; offset < records.Length; offset++)
        {
            var entry = quarantined[offset];
            Assert.Equal(offset, entry.Position.Offset);
            Assert.Equal(records[offset].Reason, entry.Reason);
            Assert.Contains(records[offset].Detail, entry.Detail);
            Assert.Equal("PO-BAD", entry.Key);
            Assert.NotNull(entry.Position.BrokerTimestamp);
            var bytes = Encoding.UTF8.GetBytes(records[offset].Value);
            Assert.Equal(bytes.Length, entry.RawLength);
            Assert.Equal(bytes.Take(MaxQuarantinedBytes), entry.Raw.ToArray());
        }
        Assert.NotNull(await factline.Reader.FindAsync("e-good"));
        var counters = await factline.Reader.ReadCountersAsync();
        Assert.All(records, r => Assert.Equal(1, counters.QuarantinedByReason[r.Reason]));
    }
}
