using Factline.Storage.Queries;

namespace Factline.Storage.Memory;

/// <summary>
/// The kept facts, indexed by eventId, correlationId and messageId, and in timeline order: all of them
/// and each <see cref="FactGroup"/> apart, so searches by group fields and keyset pages read only what
/// they return. Not thread-safe on its own: <see cref="MemoryProjectionStore"/> guards it.
/// </summary>
internal sealed class FactTable
{
    private readonly TimelineRows _timeline = new();
    private readonly Dictionary<FactGroup, TimelineRows> _byGroup = [];
    private readonly Dictionary<string, StoredRow> _byEventId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<StoredRow>> _byCorrelationId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<StoredRow>> _byMessageId = new(StringComparer.Ordinal);

    /// <summary>
    /// Where rows keep their own copies of their bytes (the projector reuses the memory it hands in); the writer copies
    /// them in as it plans batches. Never taken back: the store keeps every fact. A batch that fails after copying
    /// leaves its copies unreferenced in a chunk, which nothing reads.
    /// </summary>
    public ByteChunks Raw { get; } = new(chunkBytes: 1024 * 1024);

    public StoredRow? Find(string eventId) => _byEventId.GetValueOrDefault(eventId);

    public void Add(StoredRow row)
    {
        _timeline.Add(row);
        var group = FactGroup.Of(row.Envelope.Fact);
        if (!_byGroup.TryGetValue(group, out var groupRows))
            _byGroup.Add(group, groupRows = new TimelineRows());
        groupRows.Add(row);
        _byEventId.Add(row.EventId, row);
        AddTo(_byCorrelationId, row.Envelope.Fact.CorrelationId, row);
        if (row.Envelope.Fact.MessageId is { } messageId)
            AddTo(_byMessageId, messageId, row);
    }

    /// <summary>
    /// The rows that can match the filters: the rows an index picks out when a filter asks for exact
    /// identifiers, otherwise those of <see cref="InTimelineOrder"/>. Callers still apply every filter to each candidate.
    /// </summary>
    public IEnumerable<StoredRow> Candidates(IReadOnlyList<FactFilter> filters) =>
        ByIdentifier(filters) ?? InTimelineOrder(filters)!.SelectMany(rows => rows.Sorted());

    /// <summary>
    /// The timeline-ordered rows that can match the filters: the groups that every equality on a group field
    /// selects, or all rows. Null when a filter asks for exact identifiers: those few rows are cheaper to sort.
    /// </summary>
    public IReadOnlyList<TimelineRows>? InTimelineOrder(IReadOnlyList<FactFilter> filters)
    {
        if (ByIdentifier(filters) is not null)
            return null;
        var byGroup = filters.Where(f => f.Operator == FilterOperator.Equals && FactGroup.Fields.Contains(f.Field)).ToList();
        if (byGroup.Count == 0)
            return [_timeline];
        return [.. _byGroup.Where(g => byGroup.All(filter => g.Key.IsSelectedBy(filter))).Select(g => g.Value)];
    }

    private IEnumerable<StoredRow>? ByIdentifier(IReadOnlyList<FactFilter> filters)
    {
        foreach (var filter in filters.Where(f => f.Operator == FilterOperator.Equals))
        {
            switch (filter.Field)
            {
                case FactField.EventId:
                    return DistinctKeys(filter.Values).Select(Find).OfType<StoredRow>();
                case FactField.CorrelationId:
                    return Lookup(_byCorrelationId, filter.Values);
                case FactField.MessageId:
                    return Lookup(_byMessageId, filter.Values);
            }
        }
        return null;
    }

    private static IEnumerable<StoredRow> Lookup(Dictionary<string, List<StoredRow>> index, IReadOnlyList<FilterValue> values) =>
        DistinctKeys(values).SelectMany(key => index.GetValueOrDefault(key) ?? []);

    private static IEnumerable<string> DistinctKeys(IReadOnlyList<FilterValue> values) =>
        values.Select(v => v.Text!).Distinct(StringComparer.Ordinal);

    private static void AddTo(Dictionary<string, List<StoredRow>> index, string key, StoredRow row)
    {
        if (!index.TryGetValue(key, out var rows))
            index.Add(key, rows = []);
        rows.Add(row);
    }
}
