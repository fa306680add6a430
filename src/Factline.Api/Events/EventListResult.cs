using System.Globalization;
using Factline.Api.Evidence;
using Factline.Api.Json;
using Factline.Api.Paging;
using Factline.Api.Queries;
using Factline.Storage;
using Factline.Storage.Queries;

namespace Factline.Api.Events;

/// <summary>
/// The answer to an event list request: one page read with look-ahead, the TMF630 count headers, the
/// cursor that continues after the page, and each fact represented under the href its resource gives it.
/// </summary>
internal static class EventListResult
{
    public static async Task<IResult> ReadAsync(
        HttpContext http, IFactReader facts, EventListRequest request, Func<StoredFact, string> hrefOf, CancellationToken cancellationToken)
    {
        var page = await LookAheadPage.ReadAsync(facts, request.Query, cancellationToken);

        var headers = http.Response.Headers;
        if (page.Total is { } total)
            headers[PageHeaders.TotalCount] = total.ToString(CultureInfo.InvariantCulture);
        headers[PageHeaders.ResultCount] = page.Items.Count.ToString(CultureInfo.InvariantCulture);
        if (page.HasMore)
            headers[PageHeaders.NextCursor] = CursorToken.Encode(FactCursor.After(page.Items[^1], request.Query.Sort), request.Fingerprint);

        IReadOnlyList<TmfEvent> events = [.. page.Items.Select(stored => EventRepresentation.From(stored, hrefOf(stored), request.Fields))];
        if (request.WithEvidence && RequestEvidence.Of(http) is { } evidence)
            return TmfJson.Result(EventPage.From(events, page.Total, evidence), ApiJson.Context.EventPage);
        return TmfJson.Result(events, ApiJson.Context.IReadOnlyListTmfEvent);
    }
}
