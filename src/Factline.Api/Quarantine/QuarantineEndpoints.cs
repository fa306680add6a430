using System.ComponentModel;
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

        api.MapGet("/quarantine/{topic}/{partition}/{offset}", RetrieveAsync)
            .WithName(basePath.OperationName("retrieveQuarantine"))
            .WithTags("quarantine")
            .WithSummary("Retrieves a record that could not become a fact, by where it was read")
            .WithDescription("The quarantined record read at this offset of this partition (each listed record's href). Not found is judged "
                + "by that position: NOT_FOUND when it was read (or lies past the log end), NOT_YET_OBSERVED when not yet, HISTORY_GAP when in a gap.")
            .Produces<QuarantinedRecord>();
    }

    private static async Task<IResult> ListAsync(HttpContext http, Storage.IFactReader store, IOptions<ApiOptions> options, CancellationToken cancellationToken)
    {
        var query = QuarantineListRequest.Parse(http.Request.Query, options.Value);
        var page = await store.QueryQuarantineAsync(query, cancellationToken);
        http.Response.Headers[PageHeaders.TotalCount] = page.Total.ToString(CultureInfo.InvariantCulture);
        http.Response.Headers[PageHeaders.ResultCount] = page.Items.Count.ToString(CultureInfo.InvariantCulture);
        var basePath = TmfBasePath.Of(http);
        IReadOnlyList<QuarantinedRecord> records = [.. page.Items.Select(entry => QuarantinedRecord.From(entry, http.Request, basePath))];
        return TmfJson.Result(records, ApiJson.Context.IReadOnlyListQuarantinedRecord);
    }

    private static async Task<IResult> RetrieveAsync(
        [Description("The topic the record was read from.")] string topic,
        [Description("Its partition.")] string partition,
        [Description("Its offset in that partition.")] string offset,
        HttpContext http, Storage.IFactReader store, QuarantinedPositionNotFound notFound, CancellationToken cancellationToken)
    {
        var query = QuarantineRetrieveRequest.Parse(topic, partition, offset, http.Request.Query);
        var page = await store.QueryQuarantineAsync(query, cancellationToken);
        if (page.Items.Count == 0)
            return notFound.Respond(http, query.Topic!, query.Partition!.Value, query.LogOffset!.Value);
        return TmfJson.Result(QuarantinedRecord.From(page.Items[0], http.Request, TmfBasePath.Of(http)), ApiJson.Context.QuarantinedRecord);
    }
}
