using Factline.Storage;

namespace Factline.Projection;

/// <summary>
/// Checks, when a partition is assigned, that its log still holds the record its bookmark says was read last: the
/// consumer starts at that record instead of after it, and the first record it delivers is compared with the bookmark's
/// fingerprint. A log replaced while nobody read it (the topic deleted and created again, another cluster behind the same
/// address) that has grown past the bookmark fails the check, where comparing offsets cannot tell it from the log read
/// before. Not thread-safe: the rebalance callbacks run on the projector's loop.
/// </summary>
internal sealed class LastReadChecks
{
    private readonly Dictionary<PartitionId, LastReadCheck> _pending = [];

    /// <summary>
    /// Where to start reading <paramref name="partition"/> to go on at <paramref name="resumeAt"/>: at the last record read
    /// when the log still holds its offset (the check comes first), else at <paramref name="resumeAt"/> itself. A check
    /// waiting from an earlier start is cancelled first (<see cref="Cancel"/>).
    /// </summary>
    public long StartAt(PartitionId partition, RecordFingerprint? lastRead, long resumeAt, long logStart, long logEnd)
    {
        if (lastRead is not { } last || last.Offset < logStart || last.Offset >= logEnd)
            return resumeAt;
        _pending[partition] = new LastReadCheck(last, resumeAt);
        return last.Offset;
    }

    /// <summary>The check waiting for the first record of <paramref name="partition"/>, taken out: each check is made once.</summary>
    public bool TryTake(PartitionId partition, out LastReadCheck check)
    {
        check = default;
        return _pending.Count > 0 && _pending.Remove(partition, out check);
    }

    /// <summary>The partition is no longer read from where it was started (revoked, or sought to a rebuilt store's bookmark).</summary>
    public void Cancel(PartitionId partition) => _pending.Remove(partition);
}

/// <summary>The record the log should hold at <see cref="RecordFingerprint.Offset"/>, and the offset reading goes on at once it does.</summary>
internal readonly record struct LastReadCheck(RecordFingerprint Expected, long ResumeAt);
