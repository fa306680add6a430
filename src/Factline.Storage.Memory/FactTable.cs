using Factline.Storage.Queries;

namespace Factline.Storage.Memory;

/// <summary>
/// The kept facts, indexed by eventId, correlationId and messageId. Not thread-safe on its own:
/// <see cref="MemoryProjectionStore"/> guards it.
/// </summary>
internal sealed class FactTable
{
    private readonly List<StoredRow> _rows = [];
    private readonly Dictionary<string, StoredRow> _byEventId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<StoredRow>> _byCorrelationId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<StoredRow>> _byMessageId = new(StringComparer.Ordinal);

    /// <summary>The values rows share; the writer fills it as it plans batches.</summary>
    public SharedValues Shared { get; } = new();

    public StoredRow? Find(string eventId) => _byEventId.GetValueOrDefault(eventId);

    public void Add(StoredRow row)
    {
        _rows.Add(row);
        _byEventId.Add(row.EventId, row);
        AddTo(_byCorrelationId, row.Envelope.Fact.CorrelationId, row);
        if (row.Envelope.Fact.MessageId is { } messageId)
            AddTo(_byMessageId, messageId, row);
    }

    /// <summary>
    /// The rows that can match the filters: the rows an index picks out when a filter asks for exact
    /// identifiers, otherwise every row. Callers still apply every filter to each candidate.
    /// </summary>
    public IEnumerable<StoredRow> Candidates(IReadOnlyList<FactFilter> filters)
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
        return _rows;
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
