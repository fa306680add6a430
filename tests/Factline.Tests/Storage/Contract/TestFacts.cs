using System.Text.Json;
using System.Text.Json.Nodes;
using Factline.Envelope;
using Factline.Storage;

namespace Factline.Tests.Storage.Contract;

/// <summary>Small hand-made facts and records for the behaviour tests (the query tests use the corpus).</summary>
internal static class TestFacts
{
    public const string Topic = "tmf.facts";

    private static readonly DateTimeOffset Start = new(2026, 11, 26, 9, 0, 0, TimeSpan.FromHours(1));

    public static Fact Fact(string eventId, string correlationId = "PO-TEST-1", Outcome outcome = Outcome.Success) => new()
    {
        EventId = eventId,
        CorrelationId = correlationId,
        RecordType = RecordType.Execution,
        EventType = "ProductOrderCreateEvent",
        Stage = "order.validation",
        Outcome = outcome,
        Timestamp = Start,
        Payload = RawJson.Parse("""{"productOrder":{"id":"PO-TEST-1"}}"""u8),
    };

    /// <summary>The fact as read from a record at the given position, its value encoded as a producer would.</summary>
    public static ProjectedFact At(this Fact fact, int partition, long offset, string topic = Topic) =>
        new(fact, Position(partition, offset, topic), FactCodec.Encode(fact));

    public static LogPosition Position(int partition, long offset, string topic = Topic) =>
        new(topic, partition, offset, new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero).AddMilliseconds(offset));

    public static QuarantineEntry Unreadable(LogPosition position, QuarantineReason reason, string? key = "PO-TEST-1") =>
        new(position, key, reason, $"{reason} at {position}", "{\"eventId\":"u8.ToArray(), 4096);

    public static ProjectionBatch Batch(IReadOnlyList<ProjectedFact> facts, IReadOnlyList<QuarantineEntry>? quarantined = null, params Bookmark[] bookmarks) =>
        new(facts, quarantined ?? [], bookmarks);

    public static Bookmark Bookmark(int partition, long nextOffset, string topic = Topic) => new(new PartitionId(topic, partition), nextOffset);

    /// <summary>
    /// The same fact written out by another producer: every default given (attempt, envelope version) and a field the
    /// envelope does not define, which readers ignore.
    /// </summary>
    public static byte[] WithDefaultsAndUnknownField(ReadOnlyMemory<byte> json)
    {
        var fact = JsonNode.Parse(json.Span)!.AsObject();
        fact.TryAdd("attempt", 1);
        fact.TryAdd("envelopeVersion", 1);
        fact.Add("x-retried-by", "gateway-2");
        return JsonSerializer.SerializeToUtf8Bytes(fact);
    }

    /// <summary>The same JSON value in another layout: properties reversed and indented, so the bytes differ.</summary>
    public static byte[] Relayout(ReadOnlyMemory<byte> json)
    {
        using var document = JsonDocument.Parse(json);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            foreach (var property in document.RootElement.EnumerateObject().Reverse())
                property.WriteTo(writer);
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
