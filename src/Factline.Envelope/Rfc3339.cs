using System.Globalization;

namespace Factline.Envelope;

/// <summary>
/// Strict RFC 3339 timestamps: a date, a time and an explicit offset. A timestamp without an
/// offset is ambiguous, and Factline never guesses a producer's clock.
/// </summary>
public static class Rfc3339
{
    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrEmpty(text) || text.Length < 20 || (text[10] != 'T' && text[10] != 't' && text[10] != ' '))
            return false;
        if (!HasExplicitOffset(text))
            return false;
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    /// <summary>Formats with millisecond precision and the value's own offset ("Z" for UTC).</summary>
    public static string Format(DateTimeOffset value) =>
        value.Offset == TimeSpan.Zero
            ? value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture).TrimFractionZeros()
            : value.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffffzzz", CultureInfo.InvariantCulture).TrimFractionZeros();

    private static bool HasExplicitOffset(string text)
    {
        var last = text[^1];
        if (last is 'Z' or 'z')
            return true;
        // "+hh:mm" or "-hh:mm" at the end of the string.
        return text.Length >= 6 && text[^3] == ':' && text[^6] is '+' or '-';
    }

    /// <summary>Drops trailing zeros of the fraction (but keeps milliseconds) so formatted times stay short.</summary>
    private static string TrimFractionZeros(this string formatted)
    {
        var dot = formatted.IndexOf('.', 19);
        if (dot < 0)
            return formatted;
        var end = dot + 1;
        while (end < formatted.Length && char.IsAsciiDigit(formatted[end]))
            end++;
        var keep = end;
        while (keep > dot + 4 && formatted[keep - 1] == '0')
            keep--;
        return string.Concat(formatted.AsSpan(0, keep), formatted.AsSpan(end));
    }
}
