namespace Factline.Api.Errors;

/// <summary>Documents the TMF error responses of an endpoint (or a group of them) in the OpenAPI document.</summary>
internal static class TmfErrorResponses
{
    /// <summary>A response of <paramref name="status"/> with a TMF Error body.</summary>
    public static ProducesResponseTypeMetadata Of(int status) => new(status, typeof(TmfError), ["application/json"]);

    /// <summary>The TMF error responses an endpoint has beyond those of every endpoint (400, 404, 405, 500, 503).</summary>
    public static RouteHandlerBuilder ProducesTmfErrors(this RouteHandlerBuilder builder, params int[] statuses) =>
        builder.WithMetadata([.. statuses.Select(Of)]);
}
