namespace Factline.Storage.Postgres;

/// <summary>
/// A batch read whole before the database is touched (so a batch that cannot be read changes
/// nothing): its facts in log order, and the first fact of each eventId, the only ones offered to the
/// facts table. Every later fact with that eventId is a re-delivery or a conflict.
/// </summary>
internal sealed class BatchFacts
{
    private readonly Dictionary<string, int> _firstIndexByKey = new(StringComparer.Ordinal);
    private readonly List<KeyedFact> _all = [];
    private readonly List<KeyedFact> _firsts = [];

    private BatchFacts(ProjectionBatch batch, CancellationToken cancellationToken)
    {
        foreach (var fact in batch.Facts)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var keyed = KeyedFact.Of(fact);
            if (_firstIndexByKey.TryAdd(keyed.Key, _all.Count))
                _firsts.Add(keyed);
            _all.Add(keyed);
        }
        Quarantined = batch.Quarantined.ToList();
        Bookmarks = batch.Bookmarks.ToList();
    }

    /// <summary>Every fact of the batch, in log order.</summary>
    public IReadOnlyList<KeyedFact> All => _all;

    /// <summary>The first fact of each eventId, in log order.</summary>
    public IReadOnlyList<KeyedFact> Firsts => _firsts;

    public IReadOnlyList<QuarantineEntry> Quarantined { get; }
    public IReadOnlyList<Bookmark> Bookmarks { get; }

    public static BatchFacts Read(ProjectionBatch batch, CancellationToken cancellationToken) => new(batch, cancellationToken);

    /// <summary>The first fact of the batch with the same eventId as the fact at <paramref name="index"/>.</summary>
    public ProjectedFact FirstOf(int index) => _all[_firstIndexByKey[_all[index].Key]].Fact;

    public bool IsFirst(int index) => _firstIndexByKey[_all[index].Key] == index;
}
