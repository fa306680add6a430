namespace Factline.Storage;

/// <summary>
/// What the projector read from a run of records: facts to add, records to quarantine, and the
/// bookmarks that cover them. A store applies all three in one transaction or none of them.
/// </summary>
public sealed record ProjectionBatch(
    IReadOnlyList<ProjectedFact> Facts,
    IReadOnlyList<QuarantineEntry> Quarantined,
    IReadOnlyList<Bookmark> Bookmarks);
