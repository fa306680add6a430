using System.Text.Json;

namespace Factline.Envelope;

/// <summary>
/// Which envelope fields two facts disagree on: what makes a second fact with a kept eventId a re-delivery or a conflict,
/// for the projector's stores and the API's appends alike. Both are compared as the envelope JSON Factline writes, so
/// defaults count as given (no attempt is attempt 1), fields the envelope does not define are not part of the fact, and a
/// payload's layout and property order do not matter.
/// </summary>
public static class FactDifference
{
    /// <returns>The differing fields by their JSON names, in envelope order; empty when the facts are the same.</returns>
    public static IReadOnlyList<string> Between(Fact kept, Fact other)
    {
        using var keptJson = JsonDocument.Parse(FactCodec.Encode(kept));
        using var otherJson = JsonDocument.Parse(FactCodec.Encode(other));
        var keptFields = keptJson.RootElement;
        var otherFields = otherJson.RootElement;

        var names = keptFields.EnumerateObject().Select(p => p.Name)
            .Union(otherFields.EnumerateObject().Select(p => p.Name), StringComparer.Ordinal);
        return [.. names.Where(name => !Same(keptFields, otherFields, name))];
    }

    private static bool Same(JsonElement kept, JsonElement other, string name)
    {
        var inKept = kept.TryGetProperty(name, out var keptValue);
        var inOther = other.TryGetProperty(name, out var otherValue);
        return inKept == inOther && (!inKept || JsonElement.DeepEquals(keptValue, otherValue));
    }
}
