using System.Diagnostics.CodeAnalysis;
using Factline.Envelope;

namespace Factline.Storage.Memory;

/// <summary>
/// One instance per distinct value for the envelope fields that repeat across facts (a transaction's
/// correlationId, stages, event types, producer metadata): the store holds each once, not once per fact.
/// Not thread-safe: used by the store's single writer.
/// </summary>
internal sealed class SharedValues
{
    private readonly HashSet<string> _texts = new(StringComparer.Ordinal);
    private readonly HashSet<FactMetadata> _metadata = [];

    [return: NotNullIfNotNull(nameof(text))]
    public string? Share(string? text) => text is null ? null : Share(_texts, text);

    public FactMetadata? Share(FactMetadata? metadata) => metadata is null ? null : Share(_metadata, metadata);

    private static T Share<T>(HashSet<T> values, T value)
    {
        if (values.TryGetValue(value, out var shared))
            return shared;
        values.Add(value);
        return value;
    }
}
