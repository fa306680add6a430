using System.Text.Json;
using System.Text.Json.Serialization;
using Factline.Api.Json;

namespace Factline.Api.Topics;

/// <summary>Source-generated JSON metadata for the Topic resource, with the same settings as <see cref="ApiJsonContext"/>.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(TmfTopic))]
[JsonSerializable(typeof(IReadOnlyList<TmfTopic>))]
[JsonSerializable(typeof(TopicCreate))]
[JsonSerializable(typeof(FactEnvelope))]
internal sealed partial class TopicJsonContext : JsonSerializerContext
{
    /// <summary>The metadata with the serializer settings of every response body (<see cref="ApiJson.Context"/>).</summary>
    public static TopicJsonContext Body { get; } = new(new JsonSerializerOptions(ApiJson.Context.Options));
}
