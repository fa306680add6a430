using Factline.Storage;

namespace Factline.Timelines;

/// <summary>
/// The timeline order: producer time, then log position (topic, partition, offset), the same order the
/// stores answer a correlationId query in. Unreadable records have no producer time, so they are placed
/// by log position alone, before the first fact that follows them in their partition.
/// </summary>
public static class TimelineOrder
{
    /// <summary>Topic (ordinal), then partition number.</summary>
    public static IComparer<PartitionId> Partitions { get; } = Comparer<PartitionId>.Create((x, y) =>
    {
        var byTopic = string.CompareOrdinal(x.Topic, y.Topic);
        return byTopic != 0 ? byTopic : x.Partition.CompareTo(y.Partition);
    });

    /// <summary>Partition (see <see cref="Partitions"/>), then offset. The broker's clock plays no part.</summary>
    public static IComparer<LogPosition> Log { get; } = Comparer<LogPosition>.Create((x, y) =>
    {
        var byPartition = Partitions.Compare(x.PartitionId, y.PartitionId);
        return byPartition != 0 ? byPartition : x.Offset.CompareTo(y.Offset);
    });

    /// <summary>Producer time as an instant (whatever offset it was written with), then log position.</summary>
    public static IComparer<StoredFact> Facts { get; } = Comparer<StoredFact>.Create((x, y) =>
    {
        var byTime = x.Fact.Timestamp.UtcTicks.CompareTo(y.Fact.Timestamp.UtcTicks);
        return byTime != 0 ? byTime : Log.Compare(x.Position, y.Position);
    });

    /// <summary>The facts in timeline order, with the unreadable records merged in by log position.</summary>
    public static IReadOnlyList<TimelineEntry> Merge(IReadOnlyList<StoredFact> orderedFacts, IEnumerable<QuarantineEntry> unreadable)
    {
        var entries = new List<TimelineEntry>(orderedFacts.Select(stored => new FactEntry(stored)));
        foreach (var record in unreadable.OrderBy(r => r.Position, Log))
        {
            var next = entries.FindIndex(e => e.Position.PartitionId == record.Position.PartitionId && e.Position.Offset > record.Position.Offset);
            entries.Insert(next < 0 ? entries.Count : next, new UnreadableEntry(record));
        }
        return entries;
    }
}
