namespace Factline.Storage;

/// <summary>
/// What the projector read from a run of records: facts to add, records to quarantine, and the
/// bookmarks that cover them. A store applies all three in one transaction or none of them.
/// </summary>
public sealed record ProjectionBatch(
    IReadOnlyList<ProjectedFact> Facts,
    IReadOnlyList<QuarantineEntry> Quarantined,
    IReadOnlyList<Bookmark> Bookmarks)
{
    /// <summary>
    /// Given the quarantine entries the batch adds (positions not quarantined before, conflicts included), inside the store's
    /// transaction just before it commits; not called when it adds none. When it throws, nothing of the batch is applied,
    /// so what it passes on (a dead-letter topic) misses no entry the store keeps.
    /// </summary>
    public Action<IReadOnlyList<QuarantineEntry>>? BeforeCommit { get; init; }
}
