using System.Data.Common;
using Microsoft.AspNetCore.Diagnostics;

namespace Factline.Api.Errors;

/// <summary>
/// Turns every exception that escapes a handler into a TMF error body: deliberate TMF errors as they
/// are, Kestrel's request errors (body too large, bad framing) with their own status, a store that failed
/// for a while (unreachable, out of connections, overloaded: what its driver calls transient) as a 503 to
/// retry, and anything else as a logged 500. Neither body says anything about the internals.
/// </summary>
internal sealed partial class TmfExceptionHandler(ILogger<TmfExceptionHandler> logger) : IExceptionHandler
{
    // A transient store failure (a restart, a failover, a full connection pool) usually lasts seconds.
    private const string RetryAfterSeconds = "1";

    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        if (http.RequestAborted.IsCancellationRequested)
            return true; // The client has gone; there is no one to answer.

        var error = exception switch
        {
            TmfErrorException tmf => tmf.Error,
            BadHttpRequestException bad => TmfError.ForStatus(bad.StatusCode, bad.Message),
            DbException { IsTransient: true } => StoreUnavailable(http, exception),
            _ => Unexpected(http, exception),
        };
        await error.WriteAsync(http.Response);
        return true;
    }

    private TmfError Unexpected(HttpContext http, Exception exception)
    {
        LogUnhandled(logger, exception, http.Request.Method, http.Request.Path, http.TraceIdentifier);
        return TmfError.ForStatus(StatusCodes.Status500InternalServerError,
            $"The request failed unexpectedly; the error was logged with trace id {http.TraceIdentifier}.");
    }

    private TmfError StoreUnavailable(HttpContext http, Exception exception)
    {
        LogStoreUnavailable(logger, http.Request.Method, http.Request.Path, http.TraceIdentifier, exception.Message);
        http.Response.Headers.RetryAfter = RetryAfterSeconds;
        return TmfError.ForStatus(StatusCodes.Status503ServiceUnavailable,
            $"The projection store could not answer for now; ask again later. The error was logged with trace id {http.TraceIdentifier}.");
    }

    /// <summary>One line, no stack trace: during an outage every request fails alike, and the reason is all that differs from a healthy run.</summary>
    [LoggerMessage(Level = LogLevel.Warning, Message = "The store failed transiently for {Method} {Path} (trace id {TraceId}): {Reason}")]
    private static partial void LogStoreUnavailable(ILogger logger, string method, PathString path, string traceId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception for {Method} {Path} (trace id {TraceId})")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, PathString path, string traceId);
}
