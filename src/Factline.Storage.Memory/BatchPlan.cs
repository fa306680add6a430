namespace Factline.Storage.Memory;

/// <summary>
/// Everything a batch will change, worked out before anything changes. Building a plan only reads the
/// tables, so a batch that fails part-way (bad input, cancellation) leaves the store exactly as it was.
/// </summary>
internal sealed class BatchPlan
{
    private readonly List<StoredRow> _facts = [];
    private readonly Dictionary<string, StoredRow> _factsByEventId = new(StringComparer.Ordinal);
    private readonly List<QuarantineEntry> _quarantine = [];
    private readonly HashSet<LogPosition> _quarantinedPositions = new(LogPositionEquality.Instance);
    private int _duplicates;
    private int _conflicts;

    public IReadOnlyList<StoredRow> Facts => _facts;
    public IReadOnlyList<QuarantineEntry> Quarantine => _quarantine;
    public IReadOnlyList<Bookmark> Bookmarks { get; }
    public ApplyResult Result => new(_facts.Count, _duplicates, _conflicts);

    private BatchPlan(IReadOnlyList<Bookmark> bookmarks) => Bookmarks = bookmarks;

    public static BatchPlan Create(ProjectionBatch batch, FactTable facts, QuarantineTable quarantine, CancellationToken cancellationToken)
    {
        var plan = new BatchPlan(batch.Bookmarks.ToArray());
        foreach (var fact in batch.Facts)
        {
            cancellationToken.ThrowIfCancellationRequested();
            plan.AddFact(fact, facts, quarantine);
        }
        foreach (var entry in batch.Quarantined)
            plan.AddQuarantine(entry, quarantine);
        return plan;
    }

    private void AddFact(ProjectedFact fact, FactTable facts, QuarantineTable quarantine)
    {
        var kept = facts.Find(fact.Fact.EventId) ?? _factsByEventId.GetValueOrDefault(fact.Fact.EventId);
        if (kept is null)
        {
            var row = StoredRow.From(fact, facts.Raw);
            _facts.Add(row);
            _factsByEventId.Add(row.EventId, row);
        }
        else if (EventIdReuse.IsSameContent(kept.Raw, fact.Raw))
        {
            _duplicates++;
        }
        else if (AddQuarantine(EventIdReuse.Conflict(fact, kept.Position), quarantine))
        {
            _conflicts++;
        }
    }

    /// <summary>Stages an entry unless its log position is already quarantined (a re-delivered record).</summary>
    private bool AddQuarantine(QuarantineEntry entry, QuarantineTable quarantine)
    {
        if (quarantine.Contains(entry.Position) || !_quarantinedPositions.Add(entry.Position))
            return false;
        _quarantine.Add(entry with { Raw = entry.Raw.ToArray() });
        return true;
    }
}
