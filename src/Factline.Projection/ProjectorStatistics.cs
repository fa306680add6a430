using Factline.Storage;

namespace Factline.Projection;

/// <summary>Thread-safe totals of what a projector has applied since it started.</summary>
public sealed class ProjectorStatistics
{
    private long _records;
    private long _inserted;
    private long _duplicates;
    private long _conflicts;
    private long _quarantined;
    private long _batches;

    public long Records => Interlocked.Read(ref _records);
    public long Inserted => Interlocked.Read(ref _inserted);
    public long Duplicates => Interlocked.Read(ref _duplicates);
    public long Conflicts => Interlocked.Read(ref _conflicts);
    public long Quarantined => Interlocked.Read(ref _quarantined);
    public long Batches => Interlocked.Read(ref _batches);

    internal void Record(ProjectionBatch batch, ApplyResult result)
    {
        Interlocked.Add(ref _records, batch.Facts.Count + batch.Quarantined.Count);
        Interlocked.Add(ref _inserted, result.Inserted);
        Interlocked.Add(ref _duplicates, result.Duplicates);
        Interlocked.Add(ref _conflicts, result.Conflicts);
        Interlocked.Add(ref _quarantined, batch.Quarantined.Count);
        Interlocked.Increment(ref _batches);
    }
}
