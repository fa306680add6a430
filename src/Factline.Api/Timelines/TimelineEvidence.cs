using Factline.Projection.Evidence;
using Factline.Storage;
using Factline.Timelines;

namespace Factline.Api.Timelines;

/// <summary>How far the log has been read where a transaction lives: the evidence behind its timeline.</summary>
/// <param name="Partitions">The partitions that hold the transaction's records, readable or not, or could hold some.</param>
/// <param name="Progress">The read progress, taken before the store was queried.</param>
internal sealed record TimelineEvidence(IReadOnlyList<PartitionId> Partitions, ReadProgress Progress)
{
    /// <summary>Quarantined records with the transaction's key (at most a page of them).</summary>
    public IReadOnlyList<QuarantineEntry> Quarantined { get; init; } = [];

    /// <summary>How many quarantined records carry the transaction's key in all.</summary>
    public long QuarantinedTotal { get; init; }

    /// <summary>Facts of the transaction the store holds beyond the most a timeline shows (<see cref="TimelineReader.MaxFacts"/>).</summary>
    public long OmittedFacts { get; init; }

    /// <summary>How far ahead of this machine's clock a broker time may be and still count (see <see cref="EvidenceOptions.MaxLogClockLead"/>).</summary>
    public TimeSpan MaxLogClockLead { get; init; }

    /// <summary>Records not yet read in <see cref="Partitions"/>; null when any log end (or the partition) is unknown.</summary>
    public long? Lag =>
        Partitions.Any(p => Progress.For(p) is null) ? null : Progress.LagOf(Partitions.Select(p => Progress.For(p)!));

    /// <summary>Every partition that holds the transaction has been read to its end.</summary>
    public bool CaughtUp => Partitions.Count > 0 && Partitions.All(p => Progress.For(p)?.CaughtUp == true);

    public bool HasHistoryGap => Partitions.Any(p => Progress.For(p)?.HasHistoryGap == true);

    /// <summary>The history gaps of <see cref="Partitions"/>, as the timeline's state rules weigh them.</summary>
    public IReadOnlyList<HistoryGap> HistoryGaps =>
        [.. Partitions.Select(Progress.For).OfType<PartitionProgress>().Where(p => p.HasHistoryGap)
            .Select(p => new HistoryGap(p.Partition, p.MissingRecords, p.HistoryUnbrokenFrom))];

    /// <summary>
    /// The log time the transaction is judged at. When its partitions have been read to their end, the newest broker time
    /// read anywhere is the log's "now". While they have not, only how far all of them have been read counts: a later fact
    /// of the transaction may still wait in their unread part.
    /// A newest broker time further ahead of this machine's clock than <see cref="MaxLogClockLead"/> was stamped in the
    /// future (a producer's clock, on a CreateTime topic) and tells nothing about "now": such a partition does not count,
    /// so one record from the future neither stalls open transactions early nor moves the clock. With nothing else to
    /// go by, this machine's clock stands in; while such a partition of the transaction lags, a stall cannot be judged.
    /// </summary>
    public DateTimeOffset? LogClock
    {
        get
        {
            var latest = Progress.TakenAt + MaxLogClockLead;
            if (CaughtUp)
            {
                var newest = Progress.Partitions.Where(p => p.ObservedThrough <= latest).Max(p => p.ObservedThrough);
                return newest ?? (Progress.Partitions.Any(p => p.ObservedThrough > latest) ? WholeMilliseconds(Progress.TakenAt) : null);
            }
            var readThrough = Partitions.Select(p => Progress.For(p)?.ObservedThrough).ToList();
            return readThrough.Any(t => t is null || t > latest) ? null : readThrough.Min();
        }
    }

    // To the millisecond, as every time the API shows: broker times have no finer grain.
    private static DateTimeOffset WholeMilliseconds(DateTimeOffset time) => time.AddTicks(-(time.Ticks % TimeSpan.TicksPerMillisecond));
}
