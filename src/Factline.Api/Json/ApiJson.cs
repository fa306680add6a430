using System.Text.Encodings.Web;
using System.Text.Json;

namespace Factline.Api.Json;

/// <summary>The serializer settings of every response body.</summary>
internal static class ApiJson
{
    /// <summary>
    /// The generated metadata with relaxed escaping: responses are JSON, never embedded in HTML, so
    /// "+01:00" in a time and non-ASCII text in a payload stay readable instead of becoming \u escapes.
    /// </summary>
    public static ApiJsonContext Context { get; } = new(new JsonSerializerOptions(ApiJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
