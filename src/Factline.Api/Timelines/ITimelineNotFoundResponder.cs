using Microsoft.AspNetCore.Http;

namespace Factline.Api.Timelines;

/// <summary>
/// The one place that answers a timeline lookup which found no fact and no quarantined record. The
/// default says "not found"; a lag-aware implementation registered in its place can use the evidence
/// (the partitions the key maps to and how far they have been read) to tell "not observed yet" apart.
/// </summary>
public interface ITimelineNotFoundResponder
{
    ValueTask<IResult> RespondAsync(HttpContext http, string correlationId, TimelineEvidence evidence, CancellationToken cancellationToken);
}
