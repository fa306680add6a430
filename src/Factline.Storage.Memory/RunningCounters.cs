namespace Factline.Storage.Memory;

/// <summary>The store's running totals; changed only by committed batches. Guarded by the store.</summary>
internal sealed class RunningCounters
{
    private readonly long[] _quarantinedByReason = new long[Enum.GetValues<QuarantineReason>().Length];
    private long _facts;
    private long _duplicates;

    public void Add(BatchPlan plan)
    {
        _facts += plan.Result.Inserted;
        _duplicates += plan.Result.Duplicates;
        foreach (var entry in plan.Quarantine)
            _quarantinedByReason[(int)entry.Reason]++;
    }

    public ProjectionCounters Snapshot() => new(
        _facts,
        _duplicates,
        Enum.GetValues<QuarantineReason>().ToDictionary(reason => reason, reason => _quarantinedByReason[(int)reason]));
}
