using Factline.Storage;

namespace Factline.Projection.Evidence;

/// <summary>What Kafka said about one partition's log at <paramref name="ReadAt"/>.</summary>
/// <param name="LogStartOffset">The low watermark: the first offset still retained.</param>
/// <param name="LogEndOffset">The high watermark: the offset the next record will get.</param>
/// <param name="LogStartTime">The broker time of the record at the low watermark, when the log is not empty.</param>
public sealed record LogWatermarks(PartitionId Partition, long LogStartOffset, long LogEndOffset, DateTimeOffset? LogStartTime, DateTimeOffset ReadAt);
