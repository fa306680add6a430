using Factline.Storage.Queries;

namespace Factline.Storage.Memory;

/// <summary>Quarantined records in log order, at most one per log position. Guarded by the store.</summary>
internal sealed class QuarantineTable
{
    private readonly SortedDictionary<LogPosition, QuarantineEntry> _entries = new(LogPositionOrder.Instance);

    public bool Contains(LogPosition position) => _entries.ContainsKey(position);

    public void Add(QuarantineEntry entry) => _entries.Add(entry.Position, entry);

    public QuarantinePage Query(QuarantineQuery query)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(query.Offset, nameof(query.Offset));
        ArgumentOutOfRangeException.ThrowIfNegative(query.Limit, nameof(query.Limit));
        // One position names at most one entry: found by its key, not by a walk through all of them.
        IEnumerable<QuarantineEntry> candidates = query is { Topic: { } topic, Partition: { } partition, LogOffset: { } offset }
            ? _entries.TryGetValue(new LogPosition(topic, partition, offset, null), out var entry) ? [entry] : []
            : _entries.Values;
        var matches = candidates.Where(e => Matches(e, query)).ToList();
        return new QuarantinePage(matches.Skip(query.Offset).Take(query.Limit).ToList(), matches.Count);
    }

    private static bool Matches(QuarantineEntry entry, QuarantineQuery query) =>
        (query.Reasons is not { } reasons || reasons.Contains(entry.Reason))
        && (query.Topic is not { } topic || entry.Position.Topic == topic)
        && (query.Partition is not { } partition || entry.Position.Partition == partition)
        && (query.LogOffset is not { } offset || entry.Position.Offset == offset)
        && (query.Key is not { } key || entry.Key == key);
}
