using Factline.Api.Errors;
using Factline.Api.Json;
using Factline.Api.OpenApi;
using Factline.Api.Queries;
using Factline.Projection.Rebuild;
using Factline.Storage;
using Factline.Storage.Queries;

namespace Factline.Api.Admin;

/// <summary>
/// Operations on the projection itself: <c>POST /admin/rebuild</c> starts a rebuild without downtime,
/// <c>GET /admin/rebuild</c> shows how the running or last one is doing.
/// </summary>
internal static class AdminEndpoints
{
    public const string Tag = "admin";

    private const string RebuildPath = "/admin/rebuild";

    private static readonly QueryParameterDoc AcceptHistoryLossDoc = new(RebuildParameters.AcceptHistoryLoss,
        "true rebuilds even when the live view holds records Kafka no longer has (deleted by retention since they were read, or in a log " +
        "replaced since): the rebuilt view, read from what Kafka has, will not hold them. Without it such a rebuild is refused (409 REBUILD_WOULD_LOSE_HISTORY).",
        FieldKind.Text, ["true", "false"]);

    public static void MapAdminEndpoints(this RouteGroupBuilder api, TmfBasePath basePath)
    {
        api.MapPost(RebuildPath, StartAsync)
            .WithName(basePath.OperationName("startRebuild"))
            .WithTags(Tag)
            .WithSummary("Starts a rebuild of the projection without downtime")
            .WithDescription(
                "Replays the log from the earliest retained record into a shadow store while the live view keeps answering; " +
                "once the shadow has caught up it replaces the live view in one step (durably for SQLite and PostgreSQL). Answers 202 with the " +
                "rebuild resource and its Location; 409 while another rebuild runs (REBUILD_IN_PROGRESS here, to follow with GET; " +
                "REBUILD_RUNNING_ELSEWHERE on another instance sharing the store; REBUILD_WOULD_LOSE_HISTORY when the live view holds records " +
                "Kafka no longer has, unless acceptHistoryLoss=true); 501 when the configured store cannot be rebuilt in place. Takes no body.")
            .WithMetadata(AcceptHistoryLossDoc)
            .Produces<RebuildRepresentation>(StatusCodes.Status202Accepted)
            .ProducesTmfErrors(StatusCodes.Status409Conflict, StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status501NotImplemented);

        api.MapGet(RebuildPath, Show)
            .WithName(basePath.OperationName("retrieveRebuild"))
            .WithTags(Tag)
            .WithSummary("Shows the running or last rebuild")
            .WithDescription("Phase, records applied and in total, records per second and the estimated time left of the running rebuild, or how the last one ended.")
            .Produces<RebuildRepresentation>()
            .ProducesTmfErrors(StatusCodes.Status501NotImplemented);
    }

    private static async Task<IResult> StartAsync(HttpContext http, CancellationToken cancellationToken)
    {
        var acceptHistoryLoss = ParseStart(http.Request);
        if (http.RequestServices.GetService<ProjectionRebuilder>() is not { } rebuilder)
            return NotAvailable();
        var href = Href(http);
        bool started;
        RebuildProgress progress;
        try
        {
            (started, progress) = await rebuilder.StartAsync(acceptHistoryLoss, cancellationToken);
        }
        catch (RebuildWouldLoseHistoryException loss)
        {
            return new TmfError(RebuildErrorCodes.WouldLoseHistory, "A rebuild would drop history only the live view holds",
                $"Not started: {loss.Message}. Keep what you need of it first; POST again with {RebuildParameters.AcceptHistoryLoss}=true to rebuild anyway.",
                StatusCodes.Status409Conflict).ToResult();
        }
        catch (RebuildElsewhereException elsewhere)
        {
            return new TmfError(RebuildErrorCodes.RunningElsewhere, "A rebuild is running on another instance",
                $"Not started: {elsewhere.Message}. Follow it on the instance that runs it, or start one here once it has ended.",
                StatusCodes.Status409Conflict).ToResult();
        }
        if (!started)
        {
            return new TmfError(RebuildErrorCodes.InProgress, "A rebuild is already running",
                $"Rebuild {progress.Id} has not finished yet ({progress.Phase.ToString().ToLowerInvariant()}); follow it with GET {href}.",
                StatusCodes.Status409Conflict).ToResult();
        }
        http.Response.Headers.Location = href;
        return Represent(progress, href, StatusCodes.Status202Accepted);
    }

    /// <summary>Whether history loss is accepted; any other parameter, and a body (a rebuild takes none), is refused.</summary>
    private static bool ParseStart(HttpRequest request)
    {
        if (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0)
            throw new TmfErrorException(TmfError.ForStatus(StatusCodes.Status415UnsupportedMediaType,
                $"Starting a rebuild takes no body; its one option is the query parameter {RebuildParameters.AcceptHistoryLoss}."));
        var accept = false;
        foreach (var (name, values) in request.Query)
        {
            accept = name == RebuildParameters.AcceptHistoryLoss
                ? QueryValues.Boolean(name, values)
                : throw TmfErrorException.InvalidQueryParameter(name, $"is not supported: starting a rebuild takes only {RebuildParameters.AcceptHistoryLoss}");
        }
        return accept;
    }

    private static IResult Show(HttpContext http)
    {
        QueryStringGuard.EnsureNone(http.Request, "the rebuild resource");
        if (http.RequestServices.GetService<ProjectionRebuilder>() is not { } rebuilder)
            return NotAvailable();
        var href = Href(http);
        return rebuilder.Latest is { } latest
            ? Represent(latest, href, StatusCodes.Status200OK)
            : TmfError.ForStatus(StatusCodes.Status404NotFound, $"No rebuild has run since this server started; POST {href} starts one.").ToResult();
    }

    private static IResult Represent(RebuildProgress progress, string href, int status) =>
        TmfJson.Result(RebuildRepresentation.From(progress, href), ApiJson.Context.RebuildRepresentation, status);

    private static IResult NotAvailable() =>
        TmfError.ForStatus(StatusCodes.Status501NotImplemented,
            "This server cannot rebuild its projection in place: its store kind has no shadow stores, or it runs no projector.").ToResult();

    private static string Href(HttpContext http) => TmfBasePath.Of(http).Href(http.Request, RebuildPath);

}
