using System.Globalization;
using Factline.Api.Errors;
using Factline.Api.Json;
using Factline.Api.Paging;
using Factline.Api.Queries;
using Factline.Storage;
using Factline.Storage.Queries;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
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
            .WithDescription("Filters (all optional, combined with AND): reason (" + string.Join(", ", QuarantineReasonNames.All)
                + "), topic, partition, key; paged with offset/limit; ordered by log position. X-Total-Count and X-Result-Count as for events.")
            .Produces<IReadOnlyList<QuarantinedRecord>>();
    }

    private static async Task<IResult> ListAsync(HttpContext http, Storage.IFactReader store, IOptions<ApiOptions> options, CancellationToken cancellationToken)
    {
        var query = Parse(http.Request.Query, options.Value);
        var page = await store.QueryQuarantineAsync(query, cancellationToken);
        http.Response.Headers[PageHeaders.TotalCount] = page.Total.ToString(CultureInfo.InvariantCulture);
        http.Response.Headers[PageHeaders.ResultCount] = page.Items.Count.ToString(CultureInfo.InvariantCulture);
        IReadOnlyList<QuarantinedRecord> records = [.. page.Items.Select(QuarantinedRecord.From)];
        return TmfJson.Result(records, ApiJson.Context.IReadOnlyListQuarantinedRecord);
    }

    private static QuarantineQuery Parse(IQueryCollection parameters, ApiOptions options)
    {
        var query = new QuarantineQuery { Limit = options.DefaultLimit };
        foreach (var (name, values) in parameters)
        {
            var value = QueryValues.Single(name, values);
            query = name switch
            {
                "reason" => query with
                {
                    Reason = QuarantineReasonNames.TryParse(value, out var reason)
                        ? reason
                        : throw TmfErrorException.InvalidQueryParameter(name, $"'{value}' is not one of {string.Join(", ", QuarantineReasonNames.All)}"),
                },
                "topic" => query with { Topic = value },
                "partition" => query with { Partition = QueryValues.WholeNumber(name, value, 0, int.MaxValue) },
                "key" => query with { Key = value },
                ListParameters.Offset => query with { Offset = QueryValues.WholeNumber(name, value, 0, int.MaxValue) },
                ListParameters.Limit => query with { Limit = QueryValues.WholeNumber(name, value, 1, options.MaxLimit) },
                _ => throw TmfErrorException.InvalidQueryParameter(name, "is not a quarantine attribute (reason, topic, partition, key, offset, limit)"),
            };
        }
        return query;
    }
}
