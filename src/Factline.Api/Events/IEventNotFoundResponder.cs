using Microsoft.AspNetCore.Http;

namespace Factline.Api.Events;

/// <summary>
/// The one place that answers a single-event lookup which found nothing. The default says "not
/// found"; a lag-aware implementation registered in its place can tell "not observed yet" apart.
/// </summary>
public interface IEventNotFoundResponder
{
    ValueTask<IResult> RespondAsync(HttpContext http, string eventId, CancellationToken cancellationToken);
}
