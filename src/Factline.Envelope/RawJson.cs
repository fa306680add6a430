using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Factline.Envelope;

/// <summary>
/// One JSON value kept as the UTF-8 text it was read as, always well-formed. It is written back verbatim
/// (<see cref="RawJsonConverter"/>) and parsed only when someone asks: a fact's payload is carried from the
/// log to a response without being turned into objects and back.
/// </summary>
[JsonConverter(typeof(RawJsonConverter))]
public readonly struct RawJson
{
    /// <param name="utf8">One JSON value the caller has already checked to be well-formed.</param>
    internal RawJson(ReadOnlyMemory<byte> utf8) => Utf8 = utf8;

    /// <summary>The value's UTF-8 text, exactly as it was read.</summary>
    public ReadOnlyMemory<byte> Utf8 { get; }

    /// <summary>A copy of the value's text; throws a <see cref="JsonException"/> unless it is exactly one well-formed JSON value.</summary>
    public static RawJson Parse(ReadOnlySpan<byte> utf8)
    {
        // Reading to the end checks it all: no token, a malformed one or a second value throws.
        var reader = new Utf8JsonReader(utf8);
        while (reader.Read())
        {
        }
        return new RawJson(utf8.ToArray());
    }

    /// <summary>A copy of the element's text, as it was read.</summary>
    public static RawJson From(JsonElement element) => new(JsonMarshal.GetRawUtf8Value(element).ToArray());

    /// <summary>The value as a <see cref="JsonElement"/> that owns its memory.</summary>
    public JsonElement ToElement() => JsonElement.Parse(Utf8.Span);

    public override string ToString() => Encoding.UTF8.GetString(Utf8.Span);
}
