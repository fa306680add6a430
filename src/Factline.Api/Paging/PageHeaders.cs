namespace Factline.Api.Paging;

/// <summary>Response headers of list requests.</summary>
internal static class PageHeaders
{
    /// <summary>TMF630: how many items match the request in all.</summary>
    public const string TotalCount = "X-Total-Count";

    /// <summary>TMF630: how many items this response carries.</summary>
    public const string ResultCount = "X-Result-Count";

    /// <summary>Extension: the token that continues after this page (<c>cursor=</c>); absent on the last page.</summary>
    public const string NextCursor = "X-Next-Cursor";
}
