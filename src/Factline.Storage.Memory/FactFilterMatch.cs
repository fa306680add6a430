using Factline.Storage.Queries;

namespace Factline.Storage.Memory;

/// <summary>Evaluates one filter against one fact. A fact without a value for the field never matches.</summary>
internal static class FactFilterMatch
{
    public static bool Matches(StoredFact fact, FactFilter filter)
    {
        if (FactFieldValues.Of(fact, filter.Field) is not { } value)
            return false;
        var kind = FactFields.KindOf(filter.Field);
        if (filter.Operator == FilterOperator.Equals)
            return filter.Values.Any(wanted => FilterValueOrder.Compare(kind, value, wanted) == 0);

        var comparison = FilterValueOrder.Compare(kind, value, filter.Values[0]);
        return filter.Operator switch
        {
            FilterOperator.GreaterThan => comparison > 0,
            FilterOperator.GreaterThanOrEqual => comparison >= 0,
            FilterOperator.LessThan => comparison < 0,
            FilterOperator.LessThanOrEqual => comparison <= 0,
            _ => throw new ArgumentOutOfRangeException(nameof(filter), filter.Operator, "not a filter operator"),
        };
    }
}
