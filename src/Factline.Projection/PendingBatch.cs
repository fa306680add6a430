using Factline.Storage;

namespace Factline.Projection;

/// <summary>
/// Records read since the last apply, and the bookmarks they move. Starts from the stored bookmarks so
/// that the newest broker time and the count of records lost to retention carry forward. Records of a
/// partition this instance no longer owns can be dropped: the new owner re-reads them from the store.
/// </summary>
internal sealed class PendingBatch
{
    private readonly List<ProjectedFact> _facts = [];
    private readonly List<QuarantineEntry> _quarantined = [];
    private readonly Dictionary<PartitionId, Bookmark> _applied = [];
    private readonly Dictionary<PartitionId, Bookmark> _moved = [];

    public int Count => _facts.Count + _quarantined.Count;
    public bool IsEmpty => Count == 0 && _moved.Count == 0;
    public DateTime FirstRecordAt { get; private set; }

    /// <summary>Where a partition stands in the store, when this instance starts reading it.</summary>
    public void Resume(Bookmark stored) => _applied[stored.Partition] = stored;

    /// <summary>The offset the next record of this partition should have if nothing was skipped.</summary>
    public long ExpectedNext(PartitionId partition) => Current(partition).NextOffset;

    public void Add(RecordOutcome outcome, LogPosition position)
    {
        if (IsEmpty)
            FirstRecordAt = DateTime.UtcNow;
        if (outcome.Fact is { } fact)
            _facts.Add(fact);
        else
            _quarantined.Add(outcome.Quarantined!);

        var current = Current(position.PartitionId);
        _moved[position.PartitionId] = current with
        {
            // A replay from before the bookmark re-reads records the store already holds: the bookmark stays put.
            NextOffset = Math.Max(current.NextOffset, position.Offset + 1),
            ObservedThrough = Later(current.ObservedThrough, position.BrokerTimestamp),
        };
    }

    /// <summary>
    /// The records from the expected offset up to <paramref name="readFrom"/> will never be read: retention
    /// deleted them first, or a start position was chosen past them. Either way the view lacks them: a history gap.
    /// </summary>
    public void RecordLoss(PartitionId partition, long readFrom)
    {
        var current = Current(partition);
        if (readFrom <= current.NextOffset)
            return;
        if (IsEmpty)
            FirstRecordAt = DateTime.UtcNow;
        _moved[partition] = current with { NextOffset = readFrom, LostRecords = current.LostRecords + (readFrom - current.NextOffset) };
    }

    public ProjectionBatch ToBatch() => new(_facts.ToArray(), _quarantined.ToArray(), _moved.Values.ToArray());

    /// <summary>The batch is in the store: its bookmarks are now the starting point.</summary>
    public void MarkApplied()
    {
        foreach (var (partition, bookmark) in _moved)
            _applied[partition] = bookmark;
        _facts.Clear();
        _quarantined.Clear();
        _moved.Clear();
    }

    /// <summary>Drops what was read from these partitions and where they stood; returns how many records it dropped.</summary>
    public int Forget(IReadOnlyCollection<PartitionId> partitions)
    {
        var lost = partitions.ToHashSet();
        var dropped = _facts.RemoveAll(f => lost.Contains(f.Position.PartitionId))
            + _quarantined.RemoveAll(q => lost.Contains(q.Position.PartitionId));
        foreach (var partition in lost)
        {
            _moved.Remove(partition);
            _applied.Remove(partition);
        }
        return dropped;
    }

    private Bookmark Current(PartitionId partition) =>
        _moved.TryGetValue(partition, out var moved) ? moved
        : _applied.TryGetValue(partition, out var applied) ? applied
        : new Bookmark(partition, 0);

    private static DateTimeOffset? Later(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
