using Factline.Api.Errors;
using Microsoft.AspNetCore.Http;

namespace Factline.Api.Events;

/// <summary>Answers a missing event with a plain TMF 404.</summary>
internal sealed class PlainEventNotFoundResponder : IEventNotFoundResponder
{
    public ValueTask<IResult> RespondAsync(HttpContext http, string eventId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(TmfError.ForStatus(StatusCodes.Status404NotFound, $"No event with id '{eventId}' has been projected.").ToResult());
}
