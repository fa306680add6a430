using Factline.Api.Http;
using Microsoft.AspNetCore.Diagnostics;

namespace Factline.Api.Errors;

/// <summary>
/// Gives the framework's bodiless error responses (no route: 404, wrong method: 405, unsupported
/// media type: 415, ...) the same TMF error body as every other failure.
/// </summary>
internal static class TmfStatusCodePages
{
    public static Task WriteAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        var request = http.Request;
        var target = $"{request.Method} {request.PathBase}{request.Path}";
        if (http.Response.StatusCode == StatusCodes.Status405MethodNotAllowed)
            HeadRequests.AllowHeadWithGet(http.Response);
        var message = http.Response.StatusCode switch
        {
            StatusCodes.Status404NotFound => $"No resource answers {target}.",
            StatusCodes.Status405MethodNotAllowed => $"{target} is not allowed; allowed methods: {http.Response.Headers.Allow}.",
            StatusCodes.Status415UnsupportedMediaType =>
                $"{target} does not take a body of Content-Type '{request.ContentType}'; the API's request bodies are JSON (application/json).",
            _ => $"{target} failed.",
        };
        return TmfError.ForStatus(http.Response.StatusCode, message).WriteAsync(http.Response);
    }
}
