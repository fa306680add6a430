using Factline.Api.Errors;
using Factline.Storage.Queries;

namespace Factline.Api.Queries;

/// <summary>
/// Reads one TMF630 filter parameter: <c>attr=v</c> (a comma list means any of them) or
/// <c>attr.gt|gte|lt|lte=v</c> on times and numbers.
/// </summary>
internal static class FilterParameter
{
    public static IReadOnlyList<(string Suffix, FilterOperator Operator)> RangeSuffixes { get; } =
    [
        (".gte", FilterOperator.GreaterThanOrEqual),
        (".gt", FilterOperator.GreaterThan),
        (".lte", FilterOperator.LessThanOrEqual),
        (".lt", FilterOperator.LessThan),
    ];

    public static FactFilter Parse(string parameter, string value)
    {
        var (name, op) = SplitOperator(parameter);
        var attribute = QueryableAttributes.Find(parameter, name);
        if (op == FilterOperator.Equals)
            return new FactFilter(attribute.Field, op, [.. value.Split(',').Select(v => attribute.ParseValue(parameter, v))]);

        if (!attribute.SupportsRanges)
            throw TmfErrorException.InvalidQueryParameter(parameter, $"'{name}' is text; only times and numbers take a range");
        if (value.Contains(',', StringComparison.Ordinal))
            throw TmfErrorException.InvalidQueryParameter(parameter, "a range takes one value, not a list");
        return FactFilter.Compare(attribute.Field, op, attribute.ParseValue(parameter, value));
    }

    private static (string Name, FilterOperator Operator) SplitOperator(string parameter)
    {
        foreach (var (suffix, op) in RangeSuffixes)
        {
            if (parameter.EndsWith(suffix, StringComparison.Ordinal))
                return (parameter[..^suffix.Length], op);
        }
        return (parameter, FilterOperator.Equals);
    }
}
