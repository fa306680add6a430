using System.Text.Json;
using System.Text.Json.Serialization;
using Factline.Api.Json;

namespace Factline.Api.Timelines;

/// <summary>Source-generated JSON metadata for the timeline resource, with the same settings as <see cref="ApiJsonContext"/>.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(TmfTimeline))]
internal sealed partial class TimelineJsonContext : JsonSerializerContext
{
    /// <summary>The metadata with the serializer settings of every response body (<see cref="ApiJson.Context"/>).</summary>
    public static TimelineJsonContext Body { get; } = new(new JsonSerializerOptions(ApiJson.Context.Options));
}
