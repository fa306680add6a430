namespace Factline.Storage;

/// <summary>Running totals kept by a store, rebuilt with it on replay.</summary>
public sealed record ProjectionCounters(
    long Facts,
    long Duplicates,
    IReadOnlyDictionary<QuarantineReason, long> QuarantinedByReason)
{
    public long Quarantined => QuarantinedByReason.Values.Sum();
}
