using System.Text;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Factline.Api.Health;

/// <summary>
/// A probe's body: the overall status on the first line (what supervisors match, as with ASP.NET Core's default writer),
/// then one line per check that is not healthy, saying why (a reason spanning lines, such as an exception's message, is
/// joined into one).
/// </summary>
internal static class HealthReportWriter
{
    public static Task WriteAsync(HttpContext http, HealthReport report)
    {
        var text = new StringBuilder(report.Status.ToString());
        foreach (var (name, entry) in report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy))
            text.Append('\n').Append(name).Append(": ").Append((entry.Description ?? entry.Status.ToString()).ReplaceLineEndings(" "));

        http.Response.ContentType = "text/plain; charset=utf-8";
        return http.Response.WriteAsync(text.ToString());
    }
}
