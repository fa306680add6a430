using System.Buffers;
using Microsoft.Net.Http.Headers;

namespace Factline.Api.Topics;

/// <summary>
/// Reads a JSON request body of bounded size: 415 for anything but plain, uncompressed UTF-8 JSON, 413 as soon as the
/// body is known to be larger than the bound, without reading the rest of it.
/// </summary>
internal static class JsonRequestBody
{
    private const int ChunkSize = 16 * 1024;

    public static async Task<byte[]> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        RequireJson(request);
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

    /// <summary>
    /// <c>application/json</c> in UTF-8 (the charset JSON has, RFC 8259), as it is: the body is appended as it came, so a
    /// compressed one, another charset or another JSON-based media type (a merge patch is not a fact) is refused, not guessed at.
    /// </summary>
    private static void RequireJson(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            || !type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
            throw TopicErrors.UnsupportedMediaType(request.ContentType);
        // A quoted value is the same value (RFC 9110); "utf8" is a common spelling of it. A second charset is not guessed between.
        var charsets = type.Parameters.Where(p => p.Name.Equals("charset", StringComparison.OrdinalIgnoreCase))
            .Select(p => HeaderUtilities.RemoveQuotes(p.Value).ToString()).ToArray();
        if (charsets.Length > 1 || charsets.Any(charset => !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) && !charset.Equals("utf8", StringComparison.OrdinalIgnoreCase)))
            throw TopicErrors.UnsupportedMediaType(request.ContentType, "JSON is UTF-8, and the charset, when given, must say so once");
        if (request.Headers.ContentEncoding is { Count: > 0 } encoding && encoding.ToString() is var coding
            && !coding.Equals("identity", StringComparison.OrdinalIgnoreCase))
            throw TopicErrors.UnsupportedMediaType(request.ContentType, $"Content-Encoding '{coding}' is not supported: send the body uncompressed");
    }
}
