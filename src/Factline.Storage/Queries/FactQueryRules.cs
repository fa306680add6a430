namespace Factline.Storage.Queries;

/// <summary>
/// The shape every store requires of a <see cref="FactQuery"/>. Stores check it before touching data,
/// so a malformed query fails the same way (an <see cref="ArgumentException"/>) on every store.
/// </summary>
public static class FactQueryRules
{
    public static void EnsureValid(FactQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegative(query.Offset, nameof(query.Offset));
        ArgumentOutOfRangeException.ThrowIfNegative(query.Limit, nameof(query.Limit));
        EnsureField(query.Sort.Field);
        foreach (var filter in query.Filters)
            EnsureValid(filter);
        if (query.After is { } cursor)
            EnsureKind(query.Sort.Field, cursor.SortValue, "the cursor's sort value");
    }

    private static void EnsureValid(FactFilter filter)
    {
        EnsureField(filter.Field);
        if (!Enum.IsDefined(filter.Operator))
            throw new ArgumentException($"'{filter.Operator}' is not a filter operator", nameof(filter));
        if (filter.Values.Count == 0)
            throw new ArgumentException($"the filter on {filter.Field} has no value", nameof(filter));
        if (filter.Operator != FilterOperator.Equals && filter.Values.Count != 1)
            throw new ArgumentException($"{filter.Operator} on {filter.Field} takes exactly one value, got {filter.Values.Count}", nameof(filter));
        foreach (var value in filter.Values)
            EnsureKind(filter.Field, value, $"a value of the filter on {filter.Field}");
    }

    private static void EnsureField(FactField field)
    {
        if (!Enum.IsDefined(field))
            throw new ArgumentException($"'{field}' is not a fact field", nameof(field));
    }

    private static void EnsureKind(FactField field, FilterValue value, string what)
    {
        var isText = FactFields.KindOf(field) == FieldKind.Text;
        if (isText != value.Text is not null)
            throw new ArgumentException($"{what} must be {(isText ? "text" : "a number")} because {field} is a {FactFields.KindOf(field)} field");
    }
}
