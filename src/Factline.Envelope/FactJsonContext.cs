using System.Text.Json.Serialization;

namespace Factline.Envelope;

/// <summary>Source-generated JSON metadata for the envelope: camelCase, enums as their wire names, nulls omitted.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(Fact))]
internal sealed partial class FactJsonContext : JsonSerializerContext;
