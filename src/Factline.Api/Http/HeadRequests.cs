namespace Factline.Api.Http;

/// <summary>
/// HEAD is GET without the body (RFC 9110, 9.3.2): every resource that answers GET answers HEAD with the same status and
/// headers (the evidence headers, <c>X-Total-Count</c>, ...), so a client can ask how much there is, or whether the log
/// has been read far enough, without fetching a page.
/// </summary>
internal static class HeadRequests
{
    public static void UseHeadAsGet(this WebApplication app) => app.Use(async (context, next) =>
    {
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await next(context);
            return;
        }
        var body = context.Response.Body;
        context.Request.Method = HttpMethods.Get;
        context.Response.Body = Stream.Null;
        try
        {
            await next(context);
        }
        finally
        {
            context.Request.Method = HttpMethods.Head;
            context.Response.Body = body;
        }
    });

    /// <summary>Adds HEAD to a 405's <c>Allow</c> wherever it names GET: routing knows only the GET endpoints.</summary>
    public static void AllowHeadWithGet(HttpResponse response)
    {
        var allowed = response.Headers.Allow.ToString().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (allowed.Contains(HttpMethods.Get) && !allowed.Contains(HttpMethods.Head))
            response.Headers.Allow = string.Join(", ", [.. allowed, HttpMethods.Head]);
    }
}
