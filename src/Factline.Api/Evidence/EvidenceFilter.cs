using Factline.Projection.Evidence;

namespace Factline.Api.Evidence;

/// <summary>
/// Takes the read-progress snapshot before a query runs, and writes the evidence headers on its
/// response, whatever the status (a 404 says how far the log was read too).
/// </summary>
internal sealed class EvidenceFilter(IReadProgressSource source) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var progress = await source.CurrentAsync(http.RequestAborted);
        var evidence = new RequestEvidence(progress, EvidenceScope.For(http, progress, source));
        http.Features.Set(evidence);
        http.Response.OnStarting(() =>
        {
            evidence.WriteHeaders(http.Response);
            return Task.CompletedTask;
        });
        return await next(context);
    }
}
