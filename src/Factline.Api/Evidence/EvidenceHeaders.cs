namespace Factline.Api.Evidence;

/// <summary>The headers every query response carries to say how far the log has been read.</summary>
internal static class EvidenceHeaders
{
    /// <summary>Records not yet read in the partitions that could hold the answer ("unknown" before Kafka has been asked).</summary>
    public const string Lag = "X-Factline-Lag";

    /// <summary>RFC 3339 broker time of the newest fact read in those partitions; absent when none has been read.</summary>
    public const string ObservedThrough = "X-Factline-Observed-Through";

    /// <summary>"true" when every partition that could hold the answer has been read to its end, with no history gap.</summary>
    public const string Complete = "X-Factline-Complete";

    /// <summary>Records deleted by retention before they were read, when there are any: history the answer cannot contain.</summary>
    public const string HistoryGap = "X-Factline-History-Gap";
}
