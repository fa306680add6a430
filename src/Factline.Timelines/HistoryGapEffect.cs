namespace Factline.Timelines;

/// <summary>A history gap that may hold facts of one transaction, and which of them.</summary>
internal sealed record HistoryGapEffect(HistoryGap Gap, GapReach Reach);

/// <summary>Which facts of a transaction a history gap may hold.</summary>
internal enum GapReach
{
    /// <summary>It ends after one of the transaction's records in its partition.</summary>
    LaterFacts,

    /// <summary>It ends before all of them, and the first is not the transaction's INGRESS fact.</summary>
    EarlierFacts,

    /// <summary>No record of the transaction was read in its partition, which could hold some (see <see cref="TimelineInput.HistoryGaps"/>).</summary>
    AnyFacts,
}
