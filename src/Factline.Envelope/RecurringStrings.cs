using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Unicode;

namespace Factline.Envelope;

/// <summary>
/// The texts that recur in nearly every fact (eventType, stage, outcome, recordType, metadata), each held once per
/// thread and handed out again instead of a new string per fact. A projector holds two batches of decoded facts
/// while the store applies one; every string in them survives the garbage collections of that time, so fewer strings
/// per fact mean less to copy at each collection. Bounded: once full it hands out new strings, as without it.
/// The metadata objects made of those texts are kept the same way.
/// </summary>
internal sealed class RecurringStrings
{
    /// <summary>Texts longer than this are not kept: recurring values are short names.</summary>
    public const int MaxLength = 128;

    /// <summary>Distinct texts kept per thread: a few per eventType, far beyond what a producer fleet emits.</summary>
    public const int MaxCount = 4_096;

    [ThreadStatic]
    private static RecurringStrings? s_forThread;

    private readonly HashSet<string> _kept = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly Dictionary<MetadataTexts, FactMetadata> _metadata = [];

    private RecurringStrings() => _lookup = _kept.GetAlternateLookup<ReadOnlySpan<char>>();

    public static RecurringStrings ForThisThread => s_forThread ??= new RecurringStrings();

    /// <summary>The text of <paramref name="utf8"/> (at most <see cref="MaxLength"/> bytes); false when it is not valid UTF-8.</summary>
    public bool TryGet(ReadOnlySpan<byte> utf8, out string? text)
    {
        text = null;
        Span<char> chars = stackalloc char[MaxLength];
        if (Utf8.ToUtf16(utf8, chars, out _, out var written, replaceInvalidSequences: false) != OperationStatus.Done)
            return false;
        var value = chars[..written];
        if (_lookup.TryGetValue(value, out text))
            return true;
        text = new string(value);
        if (_kept.Count < MaxCount)
            _kept.Add(text);
        return true;
    }

    /// <summary>The metadata with these texts: one instance per combination while they come from <see cref="TryGet"/> (and so repeat by reference).</summary>
    public FactMetadata Metadata(string? producer, string? version, string? spec)
    {
        var texts = new MetadataTexts(producer, version, spec);
        if (_metadata.TryGetValue(texts, out var kept))
            return kept;
        var metadata = new FactMetadata { Producer = producer, Version = version, Spec = spec };
        if (_metadata.Count < MaxCount)
            _metadata.Add(texts, metadata);
        return metadata;
    }

    /// <summary>Compared by reference: kept texts are one instance each, and a text that is not kept simply misses.</summary>
    private readonly record struct MetadataTexts(string? Producer, string? Version, string? Spec)
    {
        public bool Equals(MetadataTexts other) =>
            ReferenceEquals(Producer, other.Producer) && ReferenceEquals(Version, other.Version) && ReferenceEquals(Spec, other.Spec);

        public override int GetHashCode() =>
            HashCode.Combine(RuntimeHelpers.GetHashCode(Producer), RuntimeHelpers.GetHashCode(Version), RuntimeHelpers.GetHashCode(Spec));
    }
}
