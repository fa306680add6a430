using Factline.Storage;

namespace Factline.Projection.Evidence;

/// <summary>
/// How far one partition has been read, against what the log holds: the evidence behind every answer.
/// </summary>
/// <param name="NextOffset">The projection's bookmark: the next offset it will read (0 when it has read nothing).</param>
/// <param name="LogStartOffset">The low watermark: the first offset Kafka still retains; null when not known yet.</param>
/// <param name="LogEndOffset">The high watermark: the offset the next record will get; null when not known yet.</param>
/// <param name="ObservedThrough">The broker time of the newest record read from this partition.</param>
/// <param name="LostRecords">Records deleted by retention before the projection read them (a history gap), in total.</param>
public sealed record PartitionProgress(
    PartitionId Partition,
    long NextOffset,
    long? LogStartOffset,
    long? LogEndOffset,
    DateTimeOffset? ObservedThrough,
    long LostRecords)
{
    /// <summary>The broker time of the oldest record Kafka still retains: history before it is gone from the log.</summary>
    public DateTimeOffset? LogStartTime { get; init; }

    /// <summary>
    /// When the log start and end were read from Kafka. The bookmark moves with every batch, the watermarks only when they
    /// are read again, so a bookmark can be ahead of a log end read before the newest records arrived.
    /// </summary>
    public DateTimeOffset? WatermarksReadAt { get; init; }

    /// <summary>Where the newest recorded history gap ends (see <see cref="Bookmark.UnbrokenFrom"/>).</summary>
    public long UnbrokenFrom { get; init; }

    /// <summary>Facts read here whose correlationId belongs in another partition (see <see cref="Bookmark.MisplacedFacts"/>).</summary>
    public long MisplacedFacts { get; init; }

    /// <summary>The log was replaced under the view: the partition is not read until a rebuild (see <see cref="Bookmark.LogReplaced"/>).</summary>
    public bool LogReplaced { get; init; }

    /// <summary>Records retention has deleted below the log start before they were read, not recorded yet: the projector records them on reaching it.</summary>
    public long PendingLoss => LogStartOffset is { } start && NextOffset < start ? start - NextOffset : 0;

    /// <summary>Every record of the partition this projection will never hold: those recorded lost and those about to be.</summary>
    public long MissingRecords => LostRecords + PendingLoss;

    /// <summary>
    /// Where the newest history gap ends, the one about to be recorded included: every record from here on is read or still
    /// to be read, while one read before it may have lost later records of its transaction to the gap.
    /// </summary>
    public long HistoryUnbrokenFrom => PendingLoss > 0 ? LogStartOffset!.Value : UnbrokenFrom;

    /// <summary>
    /// The log start and end were read too long ago to judge by (Kafka has not answered since, see
    /// <see cref="EvidenceOptions.MaxWatermarkAge"/>): they are shown as read, but the lag is unknown.
    /// </summary>
    public bool WatermarksExpired { get; init; }

    /// <summary>
    /// Records in the log not read yet; null while the log end is unknown or expired. Where the log was replaced under the
    /// view, all of the log as it is now: the bookmark belongs to the log read before, and none of this one is read.
    /// </summary>
    public long? Lag => LogEndOffset is not { } end || WatermarksExpired ? null
        : LogReplaced ? end - (LogStartOffset ?? 0)
        : Math.Max(0, end - Math.Max(NextOffset, LogStartOffset ?? 0));

    /// <summary>True only when the log end is known and everything up to it has been read.</summary>
    public bool CaughtUp => Lag == 0;

    /// <summary>Retention has deleted, or is about to have deleted, records this projection never read.</summary>
    public bool HasHistoryGap => MissingRecords > 0;
}
