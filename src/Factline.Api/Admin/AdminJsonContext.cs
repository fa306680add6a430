using System.Text.Json;
using System.Text.Json.Serialization;
using Factline.Api.Json;

namespace Factline.Api.Admin;

/// <summary>Source-generated JSON metadata for the admin resources, with the same settings as <see cref="ApiJsonContext"/>.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RebuildRepresentation))]
internal sealed partial class AdminJsonContext : JsonSerializerContext
{
    /// <summary>The metadata with the serializer settings of every response body (<see cref="ApiJson.Context"/>).</summary>
    public static AdminJsonContext Body { get; } = new(new JsonSerializerOptions(ApiJson.Context.Options));
}
