using Factline.Storage;

namespace Factline.Timelines;

/// <summary>Everything a timeline is derived from: nothing else, so the same log always gives the same timeline.</summary>
/// <param name="CorrelationId">The transaction.</param>
public sealed record TimelineInput(string CorrelationId)
{
    /// <summary>The transaction's facts, in any order.</summary>
    public IReadOnlyList<StoredFact> Facts { get; init; } = [];

    /// <summary>Quarantined records whose key is the correlationId.</summary>
    public IReadOnlyList<QuarantineEntry> Quarantined { get; init; } = [];

    /// <summary>
    /// The log's own clock: the newest broker time read. Stalls are judged against it, never against
    /// the wall clock, so a replay of an old log gives the answer it gave at the time. Null when unknown.
    /// </summary>
    public DateTimeOffset? LogClock { get; init; }

    /// <summary>
    /// History gaps in the partitions that hold the transaction's records (see <see cref="Partitions"/>), or could: the
    /// partition its key belongs in, and every partition of a topic where facts were read outside their key's partition.
    /// </summary>
    public IReadOnlyList<HistoryGap> HistoryGaps { get; init; } = [];

    /// <summary>Facts of the transaction the store holds beyond those in <see cref="Facts"/> (a read limit was hit).</summary>
    public long UnreadFactCount { get; init; }

    /// <summary>The topic-partitions that hold the transaction's records, readable or not, in log order.</summary>
    public IReadOnlyList<PartitionId> Partitions =>
        [.. Facts.Select(f => f.Position.PartitionId).Concat(Quarantined.Select(q => q.Position.PartitionId)).Distinct().Order(TimelineOrder.Partitions)];
}
