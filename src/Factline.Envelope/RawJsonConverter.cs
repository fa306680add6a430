using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace Factline.Envelope;

/// <summary>Writes a <see cref="RawJson"/> as its own text and reads any JSON value into one.</summary>
public sealed class RawJsonConverter : JsonConverter<RawJson>
{
    public override RawJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return RawJson.From(document.RootElement);
    }

    public override void Write(Utf8JsonWriter writer, RawJson value, JsonSerializerOptions options)
    {
        // The text is well-formed JSON by construction, but JSON readers leave the UTF-8 inside strings
        // unchecked: text that is not UTF-8 goes through the writer, which refuses it, never onto the wire.
        if (Utf8.IsValid(value.Utf8.Span))
            writer.WriteRawValue(value.Utf8.Span, skipInputValidation: true);
        else
            value.ToElement().WriteTo(writer);
    }
}
