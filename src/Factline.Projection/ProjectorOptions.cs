using Factline.Projection.Replay;

namespace Factline.Projection;

/// <summary>How the projector batches and bounds its work. Bound from "Factline:Projector".</summary>
public sealed class ProjectorOptions : ISelfValidatingOptions
{
    public const string Section = "Factline:Projector";

    /// <summary>Most records applied in one store transaction.</summary>
    public int MaxBatchSize { get; set; } = 5_000;

    /// <summary>Longest a record waits in a partly filled batch before it is applied.</summary>
    public TimeSpan MaxBatchDelay { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Larger record values are quarantined as oversized (default 1 MiB).</summary>
    public int MaxRecordBytes { get; set; } = 1024 * 1024;

    /// <summary>How often a failed batch apply is retried (with exponential backoff) before the projector stops.</summary>
    public int ApplyRetries { get; set; } = 8;

    /// <summary>How much of a quarantined record's value is kept.</summary>
    public int MaxQuarantinedBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// Where reading starts when the projector starts: <c>stored</c> (each partition's bookmark, the default),
    /// <c>earliest</c>, an RFC 3339 time, or <c>offsets:topic/partition=offset,...</c> (see <see cref="StartPosition"/>).
    /// Later assignments of a partition in the same run, and later runs without it, resume from the bookmark.
    /// </summary>
    public string StartFrom { get; set; } = StartPosition.StoredText;

    public void Validate()
    {
        OptionsSections.AtLeast(Section, nameof(MaxBatchSize), MaxBatchSize, 1);
        OptionsSections.AtLeast(Section, nameof(MaxBatchDelay), MaxBatchDelay, TimeSpan.Zero);
        OptionsSections.AtLeast(Section, nameof(MaxRecordBytes), MaxRecordBytes, 1);
        OptionsSections.AtLeast(Section, nameof(ApplyRetries), ApplyRetries, 0);
        OptionsSections.AtLeast(Section, nameof(MaxQuarantinedBytes), MaxQuarantinedBytes, 0);
        if (!StartPosition.TryParse(StartFrom, out _, out var problem))
            throw new ArgumentException($"{Section}:{nameof(StartFrom)}: {problem}");
    }

    /// <summary>A copy with another start position: a rebuild's shadow reads from earliest whatever the live projector was told.</summary>
    public ProjectorOptions StartingFrom(StartPosition start)
    {
        var copy = (ProjectorOptions)MemberwiseClone();
        copy.StartFrom = start.ToString();
        return copy;
    }
}
