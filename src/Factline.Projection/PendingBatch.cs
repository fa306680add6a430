using Factline.Storage;

namespace Factline.Projection;

/// <summary>
/// Records read and not yet known to be in the store, and the bookmarks they move. Starts from the stored
/// bookmarks so that the newest broker time and the count of records lost to retention carry forward.
/// At most one batch is sealed (handed to the store, its outcome not known yet) while the next one fills;
/// where a partition stands counts both. Records of a partition this instance no longer owns can be
/// dropped: the new owner re-reads them from the store. The facts' bytes are in <paramref name="values"/>'s
/// chunks: a batch takes them when sealed and gives them back once it is in the store.
/// </summary>
internal sealed class PendingBatch(ValueArena values)
{
    private readonly Dictionary<PartitionId, Bookmark> _applied = [];
    private PendingRecords _filling = new();
    private PendingRecords? _sealed;

    /// <summary>Records read since the last batch was sealed.</summary>
    public int Count => _filling.Count;

    /// <summary>Nothing read since the last batch was sealed: no record, no bookmark moved.</summary>
    public bool IsEmpty => _filling.IsEmpty;

    public DateTime FirstRecordAt { get; private set; }

    /// <summary>Where a partition stands in the store, when this instance starts reading it.</summary>
    public void Resume(Bookmark stored) => _applied[stored.Partition] = stored;

    /// <summary>The offset the next record of this partition should have if nothing was skipped.</summary>
    public long ExpectedNext(PartitionId partition) => Current(partition).NextOffset;

    /// <param name="fingerprint">The record's fingerprint: the bookmark keeps the newest record's, for the next start to check.</param>
    /// <param name="misplaced">The record is a fact whose correlationId belongs in another partition: the bookmark counts it.</param>
    public void Add(RecordOutcome outcome, LogPosition position, RecordFingerprint fingerprint, bool misplaced)
    {
        if (IsEmpty)
            FirstRecordAt = DateTime.UtcNow;
        if (outcome.Fact is { } fact)
            _filling.Facts.Add(fact);
        else
            _filling.Quarantined.Add(outcome.Quarantined!);

        var current = Current(position.PartitionId);
        // A replay from before the bookmark re-reads records the store already holds: the bookmark stays put.
        var newest = position.Offset + 1 >= current.NextOffset;
        _filling.Moved[position.PartitionId] = current with
        {
            NextOffset = newest ? position.Offset + 1 : current.NextOffset,
            ObservedThrough = Later(current.ObservedThrough, position.BrokerTimestamp),
            LastRead = newest ? fingerprint : current.LastRead,
            MisplacedFacts = current.MisplacedFacts + (newest && misplaced ? 1 : 0),
            FirstReadOffset = current.FirstReadOffset is { } first && first <= position.Offset ? first : position.Offset,
            LogReplaced = false, // read again: the log it reads is the one read before (its last record checked) or a rebuild's
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
        _filling.Moved[partition] = current with
        {
            NextOffset = readFrom,
            LostRecords = current.LostRecords + (readFrom - current.NextOffset),
            UnbrokenFrom = readFrom,
        };
    }

    /// <summary>
    /// The partition's log now holds other records at offsets this projection has read past (the topic was created again,
    /// or truncated): from <paramref name="logStart"/> up to the expected offset, they will never be read. A history gap,
    /// recorded once, and the bookmark marked: the partition is not read into this view until a rebuild.
    /// </summary>
    public void RecordLogReplaced(PartitionId partition, long logStart)
    {
        var current = Current(partition);
        if (current.LogReplaced)
            return;
        if (IsEmpty)
            FirstRecordAt = DateTime.UtcNow;
        _filling.Moved[partition] = current with
        {
            LostRecords = current.LostRecords + Math.Max(0, current.NextOffset - logStart),
            UnbrokenFrom = current.NextOffset,
            LogReplaced = true,
        };
    }

    /// <summary>Hands what was read to the store: it becomes the sealed batch, and a new one starts filling.</summary>
    public ProjectionBatch Seal()
    {
        if (_sealed is not null)
            throw new InvalidOperationException("A sealed batch is still waiting for its outcome.");
        _sealed = _filling;
        _sealed.Chunks.AddRange(values.TakeFilled());
        _filling = new PendingRecords();
        return _sealed.ToBatch();
    }

    /// <summary>
    /// What is left of the sealed batch after <see cref="Forget"/> took partitions out of it, to apply again;
    /// null, and nothing sealed any more, when nothing is left.
    /// </summary>
    public ProjectionBatch? ResealRest()
    {
        if (_sealed is { IsEmpty: false })
            return _sealed.ToBatch();
        if (_sealed is not null)
            values.Return(_sealed.Chunks);
        _sealed = null;
        return null;
    }

    /// <summary>The sealed batch is in the store: its bookmarks are now the starting point.</summary>
    public void MarkApplied()
    {
        if (_sealed is null)
            return;
        foreach (var (partition, bookmark) in _sealed.Moved)
            _applied[partition] = bookmark;
        values.Return(_sealed.Chunks);
        _sealed = null;
    }

    /// <summary>The sealed batch did not go in: its records are pending again, ahead of those read since.</summary>
    public void Unseal()
    {
        if (_sealed is null)
            return;
        _filling = _sealed.FollowedBy(_filling);
        _sealed = null;
    }

    /// <summary>Drops what was read from these partitions (sealed or not) and where they stood; returns how many records it dropped.</summary>
    public int Forget(IReadOnlyCollection<PartitionId> partitions)
    {
        var lost = partitions.ToHashSet();
        var dropped = _filling.Forget(lost) + (_sealed?.Forget(lost) ?? 0);
        foreach (var partition in lost)
            _applied.Remove(partition);
        return dropped;
    }

    private Bookmark Current(PartitionId partition) =>
        _filling.Moved.TryGetValue(partition, out var moved) ? moved
        : _sealed is not null && _sealed.Moved.TryGetValue(partition, out var sealedMove) ? sealedMove
        : _applied.TryGetValue(partition, out var applied) ? applied
        : new Bookmark(partition, 0);

    private static DateTimeOffset? Later(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
