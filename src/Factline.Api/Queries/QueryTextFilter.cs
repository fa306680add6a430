using System.Net;
using System.Text;
using System.Text.Unicode;
using Factline.Api.Errors;

namespace Factline.Api.Queries;

/// <summary>
/// Refuses a query parameter whose percent-escaped bytes are not UTF-8 text (<c>%C3%28</c>). ASP.NET decodes them to
/// U+FFFD, so a lookup by such a value would search for a text nobody sent and answer "nothing" instead of "not understood".
/// </summary>
internal sealed class QueryTextFilter : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var query = context.HttpContext.Request.QueryString.Value;
        if (!string.IsNullOrEmpty(query) && query.Contains('%'))
        {
            foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var name = pair.Split('=', 2)[0];
                if (!IsText(name) || !IsText(pair[name.Length..]))
                    throw TmfErrorException.InvalidQueryParameter(name, "is not text once its %-escapes are decoded: their bytes are not UTF-8");
            }
        }
        return next(context);
    }

    private static bool IsText(string escaped) =>
        !escaped.Contains('%') || Utf8.IsValid(WebUtility.UrlDecodeToBytes(Encoding.ASCII.GetBytes(escaped), 0, escaped.Length));
}
