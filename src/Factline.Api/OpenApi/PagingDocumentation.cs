using Factline.Api.Queries;
using Factline.Storage.Queries;

namespace Factline.Api.OpenApi;

/// <summary>The page size parameter every list resource takes, for the OpenAPI document.</summary>
internal static class PagingDocumentation
{
    public static QueryParameterDoc Limit { get; } =
        new(ListParameters.Limit, "Items per page (1 to the configured maximum, 1000 by default; default 100).", FieldKind.Integer);
}
