using Factline.Storage;

namespace Factline.Projection;

/// <summary>
/// One run of read records and the bookmarks they move: a batch being filled, or one handed to the store.
/// A sealed run also owns the <see cref="ValueArena"/> chunks its facts' bytes are in.
/// </summary>
internal sealed class PendingRecords
{
    public List<ProjectedFact> Facts { get; private init; } = [];
    public List<QuarantineEntry> Quarantined { get; private init; } = [];
    public Dictionary<PartitionId, Bookmark> Moved { get; private init; } = [];
    public List<byte[]> Chunks { get; private init; } = [];

    public int Count => Facts.Count + Quarantined.Count;
    public bool IsEmpty => Count == 0 && Moved.Count == 0;

    public ProjectionBatch ToBatch() => new(Facts.ToArray(), Quarantined.ToArray(), Moved.Values.ToArray());

    /// <summary>These records, then <paramref name="later"/> ones: each partition's bookmark is the later run's where it moved.</summary>
    public PendingRecords FollowedBy(PendingRecords later)
    {
        var joined = new PendingRecords
        {
            Facts = [.. Facts, .. later.Facts],
            Quarantined = [.. Quarantined, .. later.Quarantined],
            Moved = new(Moved),
            Chunks = [.. Chunks, .. later.Chunks],
        };
        foreach (var (partition, bookmark) in later.Moved)
            joined.Moved[partition] = bookmark;
        return joined;
    }

    /// <summary>Drops the records and bookmarks of these partitions; returns how many records it dropped.</summary>
    public int Forget(HashSet<PartitionId> lost)
    {
        var dropped = Facts.RemoveAll(f => lost.Contains(f.Position.PartitionId)) + Quarantined.RemoveAll(q => lost.Contains(q.Position.PartitionId));
        foreach (var partition in lost)
            Moved.Remove(partition);
        return dropped;
    }
}
