using Factline.Envelope;
using Factline.Storage.Queries;

namespace Factline.Storage;

/// <summary>
/// The envelope fields that searches select by most (record type, event type, stage, outcome). They take
/// few distinct values, so every store keeps a running count of facts per group: the total of a search
/// that filters only on these fields is a sum over a few dozen groups instead of a count of every match.
/// </summary>
/// <param name="EventType">Null for facts without one (a filter on eventType never selects them).</param>
public readonly record struct FactGroup(string RecordType, string? EventType, string Stage, string Outcome)
{
    /// <summary>The fields a group is made of, in the order of the record's members.</summary>
    public static IReadOnlyList<FactField> Fields { get; } = [FactField.RecordType, FactField.EventType, FactField.Stage, FactField.Outcome];

    public static FactGroup Of(Fact fact) =>
        new(WireNames.Of(fact.RecordType), fact.EventType, fact.Stage, WireNames.Of(fact.Outcome));

    /// <summary>Whether an equality filter on a group field selects this group (a missing eventType never matches).</summary>
    public bool IsSelectedBy(FactFilter filter) => Selects(filter, filter.Field switch
    {
        FactField.RecordType => RecordType,
        FactField.EventType => EventType,
        FactField.Stage => Stage,
        FactField.Outcome => Outcome,
        _ => throw new ArgumentOutOfRangeException(nameof(filter), filter.Field, "not a group field"),
    });

    /// <summary>
    /// Whether an equality filter selects a group whose field holds <paramref name="value"/> (null never matches), each
    /// wanted text compared as a store keeps it (<paramref name="asStored"/>; as given when null).
    /// </summary>
    public static bool Selects(FactFilter filter, string? value, Func<string, string>? asStored = null) =>
        value is not null && filter.Values.Any(wanted =>
            string.Equals(asStored is null ? wanted.Text : asStored(wanted.Text!), value, StringComparison.Ordinal));

    /// <summary>Whether the group counts answer the query's total: every filter is an equality on a group field.</summary>
    public static bool CountsAnswer(IReadOnlyList<FactFilter> filters) =>
        filters.All(filter => filter.Operator == FilterOperator.Equals && Fields.Contains(filter.Field));
}
