using Factline.Storage;

namespace Factline.Timelines;

/// <summary>
/// Records of a partition that the projection will never hold (deleted by retention, or skipped by a start position, before
/// they were read), as far as a timeline needs them.
/// </summary>
/// <param name="MissingRecords">How many, in all.</param>
/// <param name="UnbrokenFrom">
/// Where the newest of them ends: every record from here on has been read, so a transaction whose records there all lie at
/// or after it lost none of its later facts (one with a record before it may have), and one whose first record there is
/// its INGRESS fact began after the gap.
/// </param>
public sealed record HistoryGap(PartitionId Partition, long MissingRecords, long UnbrokenFrom);
