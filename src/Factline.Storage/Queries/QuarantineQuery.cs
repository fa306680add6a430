namespace Factline.Storage.Queries;

/// <summary>Filters over quarantined records (all optional, combined with AND), newest log position last.</summary>
public sealed record QuarantineQuery
{
    /// <summary>Records quarantined for any of these reasons; all reasons when null.</summary>
    public IReadOnlyList<QuarantineReason>? Reasons { get; init; }
    public string? Topic { get; init; }
    public int? Partition { get; init; }
    public string? Key { get; init; }

    /// <summary>Only the record read at this Kafka offset (of <see cref="Topic"/>'s <see cref="Partition"/>).</summary>
    public long? LogOffset { get; init; }

    /// <summary>How many matches to skip: paging, not a Kafka offset.</summary>
    public int Offset { get; init; }
    public int Limit { get; init; } = 100;
}

/// <summary>One page of quarantined records with the total that matched.</summary>
public sealed record QuarantinePage(IReadOnlyList<QuarantineEntry> Items, long Total);
