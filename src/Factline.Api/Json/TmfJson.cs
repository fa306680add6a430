using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Factline.Api.Json;

/// <summary>Writes JSON bodies with the media type TMF APIs answer with.</summary>
internal static class TmfJson
{
    public const string ContentType = "application/json;charset=utf-8";

    public static IResult Result<T>(T value, JsonTypeInfo<T> typeInfo, int httpStatus = StatusCodes.Status200OK) =>
        new JsonBodyResult<T>(value, typeInfo, httpStatus);

    public static Task WriteAsync<T>(HttpResponse response, int httpStatus, T value, JsonTypeInfo<T> typeInfo)
    {
        response.StatusCode = httpStatus;
        response.ContentType = ContentType;
        return JsonSerializer.SerializeAsync(response.Body, value, typeInfo, response.HttpContext.RequestAborted);
    }

    private sealed class JsonBodyResult<T>(T value, JsonTypeInfo<T> typeInfo, int httpStatus) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext) => WriteAsync(httpContext.Response, httpStatus, value, typeInfo);
    }
}
