using System.Globalization;
using Factline.Api.Errors;
using Microsoft.Extensions.Primitives;

namespace Factline.Api.Queries;

internal static class QueryValues
{
    /// <summary>A whole number within bounds, or a 400 naming the parameter and the range.</summary>
    public static int WholeNumber(string name, string text, int min, int max) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw TmfErrorException.InvalidQueryParameter(name, $"must be a whole number from {min} to {max}, got '{text}'");

    /// <summary>The value of a parameter that may appear once; a repeated one is ambiguous, so it is refused.</summary>
    public static string Single(string name, StringValues values) =>
        values.Count == 1 ? values[0] ?? "" : throw TmfErrorException.InvalidQueryParameter(name, "is given more than once");

    /// <summary>A flag: <c>true</c> or <c>false</c>, given once.</summary>
    public static bool Boolean(string name, StringValues values) => Single(name, values) switch
    {
        "true" => true,
        "false" => false,
        var other => throw TmfErrorException.InvalidQueryParameter(name, $"must be true or false, got '{other}'"),
    };

    /// <summary>The TMF630 <c>offset</c>: how many results to skip, 0 or more.</summary>
    public static int Offset(StringValues values) => WholeNumber(ListParameters.Offset, Single(ListParameters.Offset, values), 0, int.MaxValue);

    /// <summary>The TMF630 <c>limit</c>: a page of 1 to the configured maximum.</summary>
    public static int Limit(StringValues values, ApiOptions options) =>
        WholeNumber(ListParameters.Limit, Single(ListParameters.Limit, values), 1, options.MaxLimit);
}
