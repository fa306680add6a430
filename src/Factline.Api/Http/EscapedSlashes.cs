using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Factline.Api.Http;

/// <summary>
/// Identifiers may hold a slash (<c>PO/2026/17</c>), and an <c>href</c> escapes it as <c>%2F</c>. Kestrel decodes a
/// request's path except for <c>%2F</c>, which it leaves as is so that an escaped slash cannot change which route
/// matches (dotnet/aspnetcore#2655); the route value would then say <c>PO%2F2026%2F17</c>, and <c>%252F</c> (an
/// escaped literal <c>%2F</c>) would come out the same. So once routing has matched, a route value that kept an
/// escape is read again from the request as the client sent it, and decoded in full.
/// </summary>
internal static partial class EscapedSlashes
{
    private const string EscapedSlash = "%2F";

    /// <summary>Goes after <c>UseRouting</c>, which finds the endpoint and its route values.</summary>
    public static void UseDecodedRouteValues(this WebApplication app) => app.Use((context, next) =>
    {
        if (context.GetEndpoint() is RouteEndpoint endpoint && KeptAnEscape(context.Request.RouteValues))
            DecodeFromRawTarget(context, endpoint.RoutePattern);
        return next(context);
    });

    private static bool KeptAnEscape(RouteValueDictionary values)
    {
        foreach (var (_, value) in values)
        {
            if (value is string text && text.Contains(EscapedSlash, StringComparison.OrdinalIgnoreCase))
                return true;
        }
        return false;
    }

    /// <summary>
    /// The pattern's segments are the last segments of the path (a path base, if any, comes before them), so a
    /// parameter's raw segment is found counting from the end. A value is replaced only when its raw segment, decoded
    /// the way Kestrel does, gives the value routing saw: a path Kestrel normalised (dot segments) is left alone.
    /// </summary>
    private static void DecodeFromRawTarget(HttpContext context, RoutePattern pattern)
    {
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (rawTarget is null || !rawTarget.StartsWith('/'))
            return;
        var rawPath = rawTarget.Split('?', 2)[0].TrimEnd('/');
        var rawSegments = rawPath.Split('/');
        var first = rawSegments.Length - pattern.PathSegments.Count;
        if (first < 1)
            return;

        var values = context.Request.RouteValues;
        for (var i = 0; i < pattern.PathSegments.Count; i++)
        {
            if (pattern.PathSegments[i].Parts is not [RoutePatternParameterPart parameter]
                || values[parameter.Name] is not string value
                || !value.Contains(EscapedSlash, StringComparison.OrdinalIgnoreCase))
                continue;
            var raw = rawSegments[first + i];
            if (DecodeAllButSlashes(raw) == value)
                values[parameter.Name] = Uri.UnescapeDataString(raw);
        }
    }

    /// <summary>Kestrel's decoding: every escape but <c>%2F</c> (either case), which stays as sent.</summary>
    private static string DecodeAllButSlashes(string raw) =>
        Uri.UnescapeDataString(EscapedSlashPattern().Replace(raw, slash => "%25" + slash.Value[1..]));

    [GeneratedRegex("%2[Ff]")]
    private static partial Regex EscapedSlashPattern();
}
