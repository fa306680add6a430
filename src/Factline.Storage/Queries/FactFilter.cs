namespace Factline.Storage.Queries;

/// <summary>One condition on one field. Conditions in a query are combined with AND.</summary>
public sealed record FactFilter(FactField Field, FilterOperator Operator, IReadOnlyList<FilterValue> Values)
{
    public static FactFilter Is(FactField field, params string[] values) =>
        new(field, FilterOperator.Equals, values.Select(FilterValue.Of).ToArray());

    public static FactFilter Compare(FactField field, FilterOperator op, FilterValue value) => new(field, op, [value]);
}
