using Factline.Envelope;

namespace Factline.Storage;

/// <summary>What a batch adds to the facts of each <see cref="FactGroup"/>: a writer counts the facts it inserts, then adds the counts in one go.</summary>
public sealed class FactGroupCounts
{
    private readonly Dictionary<FactGroup, long> _counts = [];

    public void Add(Fact fact)
    {
        var group = FactGroup.Of(fact);
        _counts[group] = _counts.GetValueOrDefault(group) + 1;
    }

    /// <summary>The counts in one fixed order, so that concurrent writers lock the rows of a shared store alike.</summary>
    public IEnumerable<KeyValuePair<FactGroup, long>> InOrder() =>
        _counts.OrderBy(c => c.Key.RecordType, StringComparer.Ordinal)
            .ThenBy(c => c.Key.EventType, StringComparer.Ordinal)
            .ThenBy(c => c.Key.Stage, StringComparer.Ordinal)
            .ThenBy(c => c.Key.Outcome, StringComparer.Ordinal);
}
