using Factline.Storage;

namespace Factline.Projection;

/// <summary>
/// Records read since the last apply, and the next offset to read for each partition they came from.
/// Records of a partition this instance no longer owns can be dropped: the new owner re-reads them
/// from the stored bookmark.
/// </summary>
internal sealed class PendingBatch
{
    private readonly List<ProjectedFact> _facts = [];
    private readonly List<QuarantineEntry> _quarantined = [];
    private readonly Dictionary<PartitionId, long> _nextOffsets = [];

    public int Count => _facts.Count + _quarantined.Count;
    public DateTime FirstRecordAt { get; private set; }

    public void Add(RecordOutcome outcome, LogPosition position)
    {
        if (Count == 0)
            FirstRecordAt = DateTime.UtcNow;
        if (outcome.Fact is { } fact)
            _facts.Add(fact);
        else
            _quarantined.Add(outcome.Quarantined!);
        _nextOffsets[position.PartitionId] = position.Offset + 1;
    }

    public ProjectionBatch ToBatch() => new(
        _facts.ToArray(),
        _quarantined.ToArray(),
        _nextOffsets.Select(p => new Bookmark(p.Key, p.Value)).ToArray());

    public void Clear()
    {
        _facts.Clear();
        _quarantined.Clear();
        _nextOffsets.Clear();
    }

    public void Forget(IReadOnlyCollection<PartitionId> partitions)
    {
        var lost = partitions.ToHashSet();
        _facts.RemoveAll(f => lost.Contains(f.Position.PartitionId));
        _quarantined.RemoveAll(q => lost.Contains(q.Position.PartitionId));
        foreach (var partition in lost)
            _nextOffsets.Remove(partition);
    }
}
