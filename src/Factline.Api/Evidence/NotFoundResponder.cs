using System.Globalization;
using Factline.Api.Errors;
using Factline.Envelope;
using Factline.Projection.Evidence;
using Microsoft.AspNetCore.Http;

namespace Factline.Api.Evidence;

/// <summary>
/// "Not found" is said only when every partition that could hold the answer has been read to its end;
/// otherwise the answer is "not observed yet", with the lag and when to ask again.
/// </summary>
/// <remarks>The one place every lookup that found nothing is answered (events, timelines).</remarks>
internal sealed class NotFoundResponder(EvidenceOptions options)
{
    public const string NotFoundCode = "NOT_FOUND";
    public const string NotYetObservedCode = "NOT_YET_OBSERVED";

    /// <summary>Answers a lookup of <paramref name="what"/> that found nothing, judged by the request's evidence.</summary>
    public IResult Respond(HttpContext http, string what)
    {
        var evidence = RequestEvidence.Of(http)
            ?? throw new InvalidOperationException("the evidence filter must run before a not-found answer is given");
        var partitions = string.Join(", ", evidence.Scope.Select(p => p.Partition.ToString()));

        if (evidence.Complete)
        {
            var observed = evidence.ObservedThrough is { } time ? $", newest fact read at {Rfc3339.Format(time)}" : "";
            return new TmfError(NotFoundCode, "Not found",
                $"No {what}: {partitions}, where it would be, has been read to its end{observed}.",
                StatusCodes.Status404NotFound).ToResult();
        }

        http.Response.Headers.RetryAfter = Math.Ceiling(options.RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        var lag = evidence.Lag is { } records ? $"{records} record(s) behind" : "at an unknown distance from the log end";
        return new TmfError(NotYetObservedCode, "Not observed yet",
            $"No {what} so far, but the projection is {lag} in {partitions}, where it would be; ask again later.",
            StatusCodes.Status404NotFound).ToResult();
    }
}
