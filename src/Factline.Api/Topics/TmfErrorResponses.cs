using Factline.Api.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Factline.Api.Topics;

/// <summary>Documents the TMF error responses an endpoint has beyond those of every endpoint (400, 404, 405, 500).</summary>
internal static class TmfErrorResponses
{
    public static RouteHandlerBuilder ProducesTmfErrors(this RouteHandlerBuilder builder, params int[] statuses) =>
        builder.WithMetadata([.. statuses.Select(status => new ProducesResponseTypeMetadata(status, typeof(TmfError), [TopicEndpoints.JsonContentType]))]);
}
