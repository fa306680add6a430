using Factline.Api.Errors;

namespace Factline.Api.Queries;

/// <summary>Refuses the query parameters of an operation that takes none: nothing a client sends is silently ignored.</summary>
internal static class QueryStringGuard
{
    public static void EnsureNone(HttpRequest request, string operation)
    {
        if (request.Query.Keys.FirstOrDefault() is { } parameter)
            throw TmfErrorException.InvalidQueryParameter(parameter, $"is not supported: {operation} takes no query parameter");
    }
}
