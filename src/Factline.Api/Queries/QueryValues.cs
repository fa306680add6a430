using Factline.Api.Errors;
using Microsoft.Extensions.Primitives;

namespace Factline.Api.Queries;

internal static class QueryValues
{
    /// <summary>The value of a parameter that may appear once; a repeated one is ambiguous, so it is refused.</summary>
    public static string Single(string name, StringValues values) =>
        values.Count == 1 ? values[0] ?? "" : throw TmfErrorException.InvalidQueryParameter(name, "is given more than once");
}
