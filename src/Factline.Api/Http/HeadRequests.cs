using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

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
}
