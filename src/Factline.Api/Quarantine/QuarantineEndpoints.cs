using System.Globalization;
using Factline.Api.Json;
using Factline.Api.Paging;
using Factline.Storage;
using Microsoft.Extensions.Options;

namespace Factline.Api.Quarantine;

/// <summary><c>GET /quarantine</c>: the records that could not become facts, never silently dropped.</summary>
internal static class QuarantineEndpoints
{
    public static void MapQuarantineEndpoints(this RouteGroupBuilder api, TmfBasePath basePath)
    {
        api.MapGet("/quarantine", ListAsync)
            .WithName(basePath.OperationName("listQuarantine"))
            .WithTags("quarantine")
            .WithSummary("List records that could not become facts")
            .WithDescription("Filters (all optional, combined with AND): reason (" + string.Join(", ", QuarantineReasonNames.All) + "; a comma list matches any"
                + "), topic, partition, key; paged with offset/limit; ordered by log position. X-Total-Count and X-Result-Count as for events.")
            .WithMetadata([.. QuarantineListRequest.Documentation])
            .Produces<IReadOnlyList<QuarantinedRecord>>();
    }

    private static async Task<IResult> ListAsync(HttpContext http, Storage.IFactReader store, IOptions<ApiOptions> options, CancellationToken cancellationToken)
    {
        var query = QuarantineListRequest.Parse(http.Request.Query, options.Value);
        var page = await store.QueryQuarantineAsync(query, cancellationToken);
        http.Response.Headers[PageHeaders.TotalCount] = page.Total.ToString(CultureInfo.InvariantCulture);
        http.Response.Headers[PageHeaders.ResultCount] = page.Items.Count.ToString(CultureInfo.InvariantCulture);
        IReadOnlyList<QuarantinedRecord> records = [.. page.Items.Select(QuarantinedRecord.From)];
        return TmfJson.Result(records, ApiJson.Context.IReadOnlyListQuarantinedRecord);
    }
}
