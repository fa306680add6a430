using System.Globalization;
using Factline.Envelope;
using Factline.Storage;

namespace Factline.Projection.Replay;

/// <summary>
/// Where the projector starts reading each partition when it starts. Written as
/// <c>stored</c> (the default), <c>earliest</c>, an RFC 3339 time, or <c>offsets:topic/partition=offset,...</c>.
/// </summary>
public abstract record StartPosition
{
    public const string StoredText = "stored";
    public const string EarliestText = "earliest";
    public const string OffsetsPrefix = "offsets:";

    /// <summary>What the setting accepts, for error messages and help texts.</summary>
    public const string Syntax = $"{StoredText}, {EarliestText}, an RFC 3339 time (e.g. 2026-11-26T10:00:00Z) or {OffsetsPrefix}topic/partition=offset,...";

    private StartPosition()
    {
    }

    /// <summary>Each partition from its bookmark in the store; a partition without one from the first retained record.</summary>
    public static StartPosition Stored { get; } = new FromStored();

    /// <summary>Each partition from the first record Kafka still retains.</summary>
    public static StartPosition Earliest { get; } = new FromEarliest();

    /// <summary>
    /// The offset each of <paramref name="partitions"/> should be read from, for the partitions this
    /// start position decides; the others start at their bookmark.
    /// </summary>
    public abstract IReadOnlyDictionary<PartitionId, long> Resolve(IReadOnlyCollection<PartitionId> partitions, IOffsetsForTimes offsetsForTimes);

    public static StartPosition Parse(string text) =>
        TryParse(text, out var start, out var problem) ? start : throw new FormatException(problem);

    public static bool TryParse(string? text, out StartPosition start, out string problem)
    {
        start = Stored;
        problem = "";
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Equals(StoredText, StringComparison.OrdinalIgnoreCase) || trimmed.Length == 0)
            return true;
        if (trimmed.Equals(EarliestText, StringComparison.OrdinalIgnoreCase))
        {
            start = Earliest;
            return true;
        }
        if (trimmed.StartsWith(OffsetsPrefix, StringComparison.OrdinalIgnoreCase))
            return FromOffsets.TryParseList(trimmed[OffsetsPrefix.Length..], out start, out problem);
        if (Rfc3339.TryParse(trimmed, out var time))
        {
            start = new FromTime(time);
            return true;
        }
        problem = $"'{text}' is not a start position; use {Syntax}";
        return false;
    }

    private sealed record FromStored : StartPosition
    {
        public override IReadOnlyDictionary<PartitionId, long> Resolve(IReadOnlyCollection<PartitionId> partitions, IOffsetsForTimes offsetsForTimes) =>
            new Dictionary<PartitionId, long>();

        public override string ToString() => StoredText;
    }

    private sealed record FromEarliest : StartPosition
    {
        /// <summary>Offset 0 stands for "the first retained record": the projector never reads below the log start.</summary>
        public override IReadOnlyDictionary<PartitionId, long> Resolve(IReadOnlyCollection<PartitionId> partitions, IOffsetsForTimes offsetsForTimes) =>
            partitions.ToDictionary(p => p, _ => 0L);

        public override string ToString() => EarliestText;
    }

    /// <summary>From the first record whose broker time is at or after <paramref name="Time"/>, through Kafka's offsets-for-times.</summary>
    public sealed record FromTime(DateTimeOffset Time) : StartPosition
    {
        public override IReadOnlyDictionary<PartitionId, long> Resolve(IReadOnlyCollection<PartitionId> partitions, IOffsetsForTimes offsetsForTimes) =>
            partitions.Count == 0 ? new Dictionary<PartitionId, long>() : offsetsForTimes.Resolve(partitions, Time);

        public override string ToString() => Rfc3339.Format(Time);
    }

    /// <summary>The listed partitions from the given offsets; partitions not listed from their bookmark.</summary>
    public sealed record FromOffsets(IReadOnlyDictionary<PartitionId, long> Offsets) : StartPosition
    {
        public override IReadOnlyDictionary<PartitionId, long> Resolve(IReadOnlyCollection<PartitionId> partitions, IOffsetsForTimes offsetsForTimes) =>
            partitions.Where(Offsets.ContainsKey).ToDictionary(p => p, p => Offsets[p]);

        public override string ToString() =>
            OffsetsPrefix + string.Join(',', Offsets.Select(o => $"{o.Key}={o.Value.ToString(CultureInfo.InvariantCulture)}"));

        internal static bool TryParseList(string list, out StartPosition start, out string problem)
        {
            start = Stored;
            var offsets = new Dictionary<PartitionId, long>();
            foreach (var item in list.Split(',', StringSplitOptions.TrimEntries))
            {
                if (!TryParseItem(item, out var partition, out var offset))
                {
                    problem = $"'{item}' is not topic/partition=offset (partition and offset are whole numbers, 0 or more)";
                    return false;
                }
                if (!offsets.TryAdd(partition, offset))
                {
                    problem = $"{partition} is given more than once";
                    return false;
                }
            }
            start = new FromOffsets(offsets);
            problem = "";
            return true;
        }

        private static bool TryParseItem(string item, out PartitionId partition, out long offset)
        {
            partition = default;
            offset = 0;
            var equals = item.LastIndexOf('=');
            var slash = equals < 0 ? -1 : item.LastIndexOf('/', equals);
            if (slash <= 0
                || !int.TryParse(item.AsSpan(slash + 1, equals - slash - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                || !long.TryParse(item.AsSpan(equals + 1), NumberStyles.None, CultureInfo.InvariantCulture, out offset))
                return false;
            partition = new PartitionId(item[..slash], number);
            return true;
        }
    }
}
