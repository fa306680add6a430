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
    private long _refusedBatches;
    private long _droppedRecords;
    private long _applyTicks;
    private long _applyRetries;
    private string? _failingApply;

    public long Records => Interlocked.Read(ref _records);
    public long Inserted => Interlocked.Read(ref _inserted);
    public long Duplicates => Interlocked.Read(ref _duplicates);
    public long Conflicts => Interlocked.Read(ref _conflicts);
    public long Quarantined => Interlocked.Read(ref _quarantined);
    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>Batches the store refused because another instance had claimed some of their partitions.</summary>
    public long RefusedBatches => Interlocked.Read(ref _refusedBatches);

    /// <summary>Records read for partitions another instance had claimed, left for that instance to read.</summary>
    public long DroppedRecords => Interlocked.Read(ref _droppedRecords);

    /// <summary>Time spent applying the batches counted in <see cref="Batches"/>, retries included.</summary>
    public TimeSpan ApplyTime => TimeSpan.FromTicks(Interlocked.Read(ref _applyTicks));

    /// <summary>Failed applies that were tried again (a store restarting, a lost connection).</summary>
    public long ApplyRetries => Interlocked.Read(ref _applyRetries);

    /// <summary>Why the batch being retried failed, while the projector retries it; null once a batch is applied.</summary>
    public string? FailingApply => Volatile.Read(ref _failingApply);

    internal void Record(ProjectionBatch batch, ApplyResult result, TimeSpan applyTime)
    {
        Interlocked.Add(ref _applyTicks, applyTime.Ticks);
        Interlocked.Add(ref _records, batch.Facts.Count + batch.Quarantined.Count);
        Interlocked.Add(ref _inserted, result.Inserted);
        Interlocked.Add(ref _duplicates, result.Duplicates);
        Interlocked.Add(ref _conflicts, result.Conflicts);
        Interlocked.Add(ref _quarantined, batch.Quarantined.Count);
        Interlocked.Increment(ref _batches);
        Volatile.Write(ref _failingApply, null);
    }

    internal void RecordRetry(string reason)
    {
        Interlocked.Increment(ref _applyRetries);
        Volatile.Write(ref _failingApply, reason);
    }

    internal void RecordFenced(int droppedRecords)
    {
        Interlocked.Increment(ref _refusedBatches);
        Interlocked.Add(ref _droppedRecords, droppedRecords);
    }
}
