using System.Text;
using System.Text.Json;
using Factline.Envelope;
using Factline.Storage;

namespace Factline.Tests.Storage.Contract;

/// <summary>The fixture facts of corpus.json, as a projector would hand them to a store.</summary>
internal static class FactCorpus
{
    private static readonly Lazy<IReadOnlyList<ProjectedFact>> Records = new(Load);

    public static IReadOnlyList<ProjectedFact> Facts => Records.Value;

    public static ProjectedFact Get(string eventId) => Facts.Single(f => f.Fact.EventId == eventId);

    /// <summary>One batch per partition, each moving that partition's bookmark past its last record.</summary>
    public static IEnumerable<ProjectionBatch> Batches() =>
        Facts.GroupBy(f => f.Position.PartitionId).Select(partition => new ProjectionBatch(
            partition.ToList(), [], [new Bookmark(partition.Key, partition.Max(f => f.Position.Offset) + 1)]));

    public static async Task LoadIntoAsync(IProjectionStore store)
    {
        foreach (var batch in Batches())
            await store.ApplyAsync(batch);
    }

    private static IReadOnlyList<ProjectedFact> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Storage", "Contract", "corpus.json");
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        return document.RootElement.GetProperty("records").EnumerateArray().Select(ToProjectedFact).ToList();
    }

    private static ProjectedFact ToProjectedFact(JsonElement record)
    {
        // The value's own text is the record value: its layout and offsets are exactly what a producer wrote.
        var raw = Encoding.UTF8.GetBytes(record.GetProperty("value").GetRawText());
        var decoded = FactCodec.Decode(raw);
        if (!decoded.IsValid)
            throw new InvalidDataException($"corpus.json holds an invalid fact: {decoded.Problem}");
        var position = new LogPosition(
            record.GetProperty("topic").GetString()!,
            record.GetProperty("partition").GetInt32(),
            record.GetProperty("offset").GetInt64(),
            ParseTime(record.GetProperty("brokerTimestamp").GetString()));
        return new ProjectedFact(decoded.Fact, position, raw);
    }

    private static DateTimeOffset? ParseTime(string? text) =>
        text is null ? null : Rfc3339.TryParse(text, out var time) ? time : throw new InvalidDataException($"'{text}' is not an RFC 3339 time");
}
