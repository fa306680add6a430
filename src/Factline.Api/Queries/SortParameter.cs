using Factline.Api.Errors;
using Factline.Storage.Queries;

namespace Factline.Api.Queries;

/// <summary>Reads TMF630 <c>sort=attr</c> (ascending) or <c>sort=-attr</c> (descending) on one attribute.</summary>
internal static class SortParameter
{
    public static FactSort Parse(string value)
    {
        if (value.Contains(',', StringComparison.Ordinal))
            throw TmfErrorException.InvalidQueryParameter(ListParameters.Sort,
                "sorts by one attribute only; ties are always ordered by log position");
        var descending = value.StartsWith('-');
        var attribute = QueryableAttributes.Find(ListParameters.Sort, descending ? value[1..] : value);
        return new FactSort(attribute.Field, descending);
    }
}
