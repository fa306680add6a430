using System.Text.Json;
using System.Text.Json.Serialization;
using Factline.Envelope;
using Factline.Storage.Queries;

namespace Factline.Tests.Storage.Contract;

/// <summary>One entry of queries.json: a query over the corpus and the eventIds it must return, in order.</summary>
public sealed record QueryCase(string Name, FactQuery Query, IReadOnlyList<string> Expected, long Total);

/// <summary>The query cases of queries.json.</summary>
public static class QueryCases
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    private static readonly Lazy<IReadOnlyDictionary<string, QueryCase>> Cases = new(Load);

    public static TheoryData<string> Names => new(Cases.Value.Keys);

    public static IEnumerable<QueryCase> All => Cases.Value.Values;

    public static QueryCase Get(string name) => Cases.Value[name];

    private static IReadOnlyDictionary<string, QueryCase> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Storage", "Contract", "queries.json");
        var file = JsonSerializer.Deserialize<CasesFile>(File.ReadAllBytes(path), Json)
            ?? throw new InvalidDataException("queries.json is empty");
        return file.Cases.ToDictionary(c => c.Name, ToQueryCase);
    }

    private static QueryCase ToQueryCase(CaseEntry entry)
    {
        var sort = entry.Sort is { } s ? new FactSort(s.Field, s.Descending) : FactSort.Timeline;
        var query = new FactQuery
        {
            Filters = entry.Filters.Select(f => new FactFilter(f.Field, f.Op, f.Values.Select(v => ToValue(f.Field, v)).ToList())).ToList(),
            Sort = sort,
            Offset = entry.Offset ?? 0,
            Limit = entry.Limit ?? new FactQuery().Limit,
            After = entry.After is { } a ? new FactCursor(ToValue(sort.Field, a.Value), a.Topic, a.Partition, a.Offset) : null,
        };
        return new QueryCase(entry.Name, query, entry.Expected, entry.Total ?? entry.Expected.Count);
    }

    private static FilterValue ToValue(FactField field, JsonElement value) => FactFields.KindOf(field) switch
    {
        FieldKind.Text => FilterValue.Of(value.GetString()!),
        FieldKind.Integer => FilterValue.Of(value.GetInt64()),
        _ => Rfc3339.TryParse(value.GetString(), out var time)
            ? FilterValue.Of(time)
            : throw new InvalidDataException($"queries.json: '{value}' is not an RFC 3339 time for {field}"),
    };

    private sealed record CasesFile(string Comment, List<CaseEntry> Cases);

    private sealed record CaseEntry(
        string Name, List<FilterEntry> Filters, SortEntry? Sort, int? Offset, int? Limit, CursorEntry? After, List<string> Expected, long? Total);

    private sealed record FilterEntry(FactField Field, FilterOperator Op, List<JsonElement> Values);

    private sealed record SortEntry(FactField Field, bool Descending);

    private sealed record CursorEntry(JsonElement Value, string Topic, int Partition, long Offset);
}
