using Factline.Api.Errors;
using Microsoft.AspNetCore.Http;

namespace Factline.Api.Timelines;

/// <summary>Answers a transaction without any record with a plain TMF 404 that names where its key would be.</summary>
internal sealed class PlainTimelineNotFoundResponder : ITimelineNotFoundResponder
{
    public ValueTask<IResult> RespondAsync(HttpContext http, string correlationId, TimelineEvidence evidence, CancellationToken cancellationToken)
    {
        var where = evidence.Partitions.Count == 0 ? "" : $" (its key maps to {string.Join(", ", evidence.Partitions)})";
        return ValueTask.FromResult(TmfError.ForStatus(StatusCodes.Status404NotFound,
            $"No fact and no quarantined record of transaction '{correlationId}' has been projected{where}.").ToResult());
    }
}
