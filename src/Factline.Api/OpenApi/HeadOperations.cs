using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Factline.Api.OpenApi;

/// <summary>
/// Documents HEAD beside every GET. The API answers it as the GET without the body (<c>HeadRequests</c>): the same
/// parameters, statuses and headers, which is what a client asks HEAD for (the evidence headers, the counts).
/// </summary>
internal static class HeadOperations
{
    public static Task AddAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var path in document.Paths.Values.OfType<OpenApiPathItem>())
        {
            if (path.Operations is { } operations && operations.TryGetValue(HttpMethod.Get, out var get) && !operations.ContainsKey(HttpMethod.Head))
                path.AddOperation(HttpMethod.Head, HeadOf(get));
        }
        return Task.CompletedTask;
    }

    private static OpenApiOperation HeadOf(OpenApiOperation get)
    {
        var head = new OpenApiOperation(get)
        {
            OperationId = get.OperationId is { } id ? id + "Head" : null,
            Summary = get.Summary is { } summary ? $"{summary}: the headers alone" : null,
            Responses = [],
        };
        foreach (var (status, response) in get.Responses ?? [])
            head.Responses[status] = new OpenApiResponse { Description = response.Description, Headers = response.Headers };
        return head;
    }
}
