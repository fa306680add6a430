using Factline.Api.Events;
using Factline.Api.Paging;
using Factline.Api.Queries;
using Factline.Storage.Queries;

namespace Factline.Api.OpenApi;

/// <summary>What the event endpoints read from their query strings, for the OpenAPI document.</summary>
internal static class EventQueryDocumentation
{
    public const string ListDescription =
        "Facts matching the TMF630 filters: attr=value on every queryable attribute (a comma list matches any of the values), " +
        "different attributes all apply, and times and numbers also take .gt .gte .lt .lte. " +
        "Ordered by the timeline (producer time, then log position) unless sort says otherwise; ties are ordered by log position. " +
        "Page with offset/limit, or walk large results with the cursor from X-Next-Cursor. " +
        "An unknown attribute or a malformed value is a 400 that names the parameter.";

    private static readonly QueryParameterDoc Fields = new(ListParameters.Fields,
        $"Comma-separated first-level attributes to return besides id and href: {string.Join(", ", EventAttributes.All)}.",
        FieldKind.Text);

    public static IReadOnlyList<QueryParameterDoc> ForRetrieve { get; } = [Fields];

    public static IReadOnlyList<QueryParameterDoc> ForList { get; } =
    [
        Fields,
        new(ListParameters.Sort, "One attribute to order by, ascending, or descending with a leading '-' (e.g. -eventTime). Default: the timeline.",
            FieldKind.Text, [.. QueryableAttributes.All.SelectMany(a => new[] { a.Name, "-" + a.Name })]),
        new(ListParameters.Offset, "Items to skip (0 or more). Not combinable with cursor.", FieldKind.Integer),
        PagingDocumentation.Limit,
        new(ListParameters.Cursor, "Extension: the X-Next-Cursor token of the previous page, to continue the same query after it.", FieldKind.Text),
        new(ListParameters.WithEvidence, "Extension: true wraps the page as {items, totalCount, resultCount, complete, lag, observedThrough, lostRecords}, saying in the body whether every partition that could hold an answer has been read to its end with no record left unread.", FieldKind.Text, ["true", "false"]),
        .. QueryableAttributes.All.SelectMany(Filters),
    ];

    /// <summary>The wrapped page <c>withEvidence=true</c> answers instead of the bare list.</summary>
    public static AlternativeSuccessDoc WithEvidenceBody { get; } =
        new(typeof(EventPage), "The events (an array); with withEvidence=true, the page wrapped with its evidence (an object).");

    public static IReadOnlyList<ResponseHeaderDoc> ListResponseHeaders { get; } =
    [
        new(PageHeaders.TotalCount, "Total number of items matching the criteria.", FieldKind.Integer),
        new(PageHeaders.ResultCount, "Number of items in this response.", FieldKind.Integer),
        new(PageHeaders.NextCursor, "Extension: the cursor that continues after this page; absent on the last page.", FieldKind.Text),
    ];

    private static IEnumerable<QueryParameterDoc> Filters(QueryableAttribute attribute)
    {
        var values = attribute.AllowedValues is { } allowed ? $" One of {string.Join(", ", allowed)}." : "";
        // No enum in the schema even for enum-valued attributes: a comma list of them is also valid.
        yield return new(attribute.Name, $"{attribute.Description}{values} A comma list matches any of the values.", attribute.Kind);
        if (!attribute.SupportsRanges)
            yield break;
        foreach (var (suffix, op) in FilterParameter.RangeSuffixes)
            yield return new(attribute.Name + suffix, $"{attribute.Name} {Describe(op)} the value.", attribute.Kind);
    }

    private static string Describe(FilterOperator op) => op switch
    {
        FilterOperator.GreaterThan => "greater (later) than",
        FilterOperator.GreaterThanOrEqual => "greater (later) than or equal to",
        FilterOperator.LessThan => "less (earlier) than",
        FilterOperator.LessThanOrEqual => "less (earlier) than or equal to",
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "not a range operator"),
    };
}
