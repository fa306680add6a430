using System.ComponentModel;
using Factline.Api.OpenApi;
using Factline.Api.Quarantine;

namespace Factline.Api.Timelines;

[Description("How far the log has been read where the transaction lives, and what of it could not be read.")]
internal sealed class TmfTimelineEvidence
{
    [Description("The partitions that hold the transaction's records.")]
    public required IReadOnlyList<TmfPartitionEvidence> Partitions { get; init; }

    [Description("Records not yet read in those partitions; absent while a log end is unknown.")]
    public long? Lag { get; init; }

    [Description("Whether every one of those partitions has been read to its end.")]
    public required bool CaughtUp { get; init; }

    [Description("Whether Kafka's retention deleted records of those partitions before they were read.")]
    public required bool HistoryGap { get; init; }

    [Description("The broker time of the newest record read in any partition (the X-Factline-Observed-Through header covers only the transaction's partitions; each of partitions has its own).")]
    [Rfc3339Text]
    public string? ObservedThrough { get; init; }

    [Description("The log time the state was judged at: never the wall clock, so a replay gives the same answer.")]
    [Rfc3339Text]
    public string? LogClock { get; init; }

    [Description("The newest broker time among the transaction's facts.")]
    [Rfc3339Text]
    public string? LastFactBrokerTime { get; init; }

    [Description("Log time since the transaction's newest fact, in milliseconds.")]
    public double? IdleMs { get; init; }

    [Description("Facts of the transaction not shown: beyond the 10,000 a timeline shows (then the answer is not complete; the transaction's facts are all listed by GET /event?correlationId=).")]
    public required long OmittedFacts { get; init; }

    [Description("Quarantined records with the transaction's key (the first 100), as the quarantine resource shows them.")]
    public required IReadOnlyList<QuarantinedRecord> Quarantined { get; init; }

    [Description("How many quarantined records carry the transaction's key in all.")]
    public required long QuarantinedTotal { get; init; }
}

[Description("How far one partition has been read, against what the log holds.")]
internal sealed class TmfPartitionEvidence
{
    public required string Topic { get; init; }

    public required int Partition { get; init; }

    [Description("The projection's bookmark: the next offset it will read.")]
    public long? NextOffset { get; init; }

    [Description("The retention low watermark: the first offset Kafka still holds.")]
    public long? LogStartOffset { get; init; }

    [Description("The broker time of the oldest record Kafka still holds.")]
    [Rfc3339Text]
    public string? LogStartTime { get; init; }

    [Description("The high watermark: the offset the next record will get.")]
    public long? LogEndOffset { get; init; }

    [Description("Records not yet read; absent while the log end is unknown.")]
    public long? Lag { get; init; }

    [Description("The broker time of the newest record read from this partition.")]
    [Rfc3339Text]
    public string? ObservedThrough { get; init; }

    [Description("Records deleted by retention before they were read, in total.")]
    public long? LostRecords { get; init; }

    [Description("Whether history is missing: records were lost, or the bookmark is below the low watermark.")]
    public required bool HistoryGap { get; init; }
}
