using System.Buffers;
using System.Text.Unicode;

namespace Factline.Envelope;

/// <summary>
/// The texts that recur in nearly every fact (eventType, stage, outcome, recordType, metadata), each held once per
/// thread and handed out again instead of a new string per fact. A projector holds two batches of decoded facts
/// while the store applies one; every string in them survives the garbage collections of that time, so fewer strings
/// per fact mean less to copy at each collection. Bounded: once full it hands out new strings, as without it.
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
}
