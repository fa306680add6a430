using Factline.Api.Errors;
using Factline.Api.Events;
using Factline.Api.Paging;
using Factline.Storage.Queries;

namespace Factline.Api.Queries;

/// <summary>
/// A list request read from its query string under the TMF630 rules: what to select (filters), in
/// what order, which page, which attributes to show. Nothing is ignored: every parameter is either
/// understood or refused with a 400 naming it.
/// </summary>
/// <param name="Fingerprint">Identifies the selection and order, for the cursors this request hands out and accepts.</param>
/// <param name="WithEvidence">Whether the page comes wrapped with its completeness and lag.</param>
internal sealed record EventListRequest(FactQuery Query, FieldSelection Fields, string Fingerprint, bool WithEvidence)
{
    public static EventListRequest Parse(IQueryCollection parameters, ApiOptions options)
    {
        var filters = new List<FactFilter>();
        var sort = FactSort.Timeline;
        var fields = FieldSelection.All;
        var offset = 0;
        var limit = options.DefaultLimit;
        string? cursor = null;
        var withEvidence = false;

        foreach (var (name, values) in parameters)
        {
            switch (name)
            {
                case ListParameters.Fields:
                    fields = FieldSelection.Parse(QueryValues.Single(name, values));
                    break;
                case ListParameters.Sort:
                    sort = SortParameter.Parse(QueryValues.Single(name, values));
                    break;
                case ListParameters.Offset:
                    offset = QueryValues.Offset(values);
                    break;
                case ListParameters.Limit:
                    limit = QueryValues.Limit(values, options);
                    break;
                case ListParameters.WithEvidence:
                    withEvidence = QueryValues.Boolean(name, values);
                    break;
                case ListParameters.Cursor:
                    cursor = QueryValues.Single(name, values);
                    break;
                default:
                    // A repeated filter parameter is one more condition, like any other (AND).
                    filters.AddRange(values.Select(value => FilterParameter.Parse(name, value ?? "")));
                    break;
            }
        }

        var fingerprint = QueryFingerprint.Of(filters, sort);
        var after = cursor is null ? null : CursorToken.Decode(cursor, fingerprint, sort);
        if (after is not null && offset != 0)
            throw TmfErrorException.InvalidQueryParameter(ListParameters.Offset, "cannot be combined with a cursor; the cursor already says where to continue");

        var query = new FactQuery { Filters = filters, Sort = sort, Offset = offset, Limit = limit, After = after };
        return new EventListRequest(query, fields, fingerprint, withEvidence);
    }
}
