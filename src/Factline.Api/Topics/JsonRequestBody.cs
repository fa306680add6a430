using System.Buffers;
using Microsoft.AspNetCore.Http;

namespace Factline.Api.Topics;

/// <summary>
/// Reads a JSON request body of bounded size: 415 for anything but JSON, 413 as soon as the body is known
/// to be larger than the bound, without reading the rest of it.
/// </summary>
internal static class JsonRequestBody
{
    private const int ChunkSize = 16 * 1024;

    public static async Task<byte[]> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
            throw TopicErrors.UnsupportedMediaType(request.ContentType);
        if (request.ContentLength > maxBytes)
            throw TopicErrors.TooLarge(maxBytes);

        using var body = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (body.Length + read > maxBytes)
                    throw TopicErrors.TooLarge(maxBytes);
                body.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
        return body.ToArray();
    }
}
