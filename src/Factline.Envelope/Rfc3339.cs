using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Factline.Envelope;

/// <summary>
/// Strict RFC 3339 timestamps: a date, a time and an explicit offset. A timestamp without an
/// offset is ambiguous, and Factline never guesses a producer's clock.
/// </summary>
public static partial class Rfc3339
{
    /// <summary>
    /// Why a text <see cref="TryParse"/> refused is not a time: not RFC 3339 with an offset at all, a date or time the
    /// calendar does not have, or one .NET cannot hold (a leap second, an offset beyond ±14:00, a time outside years 0001
    /// to 9999 once in UTC and rounded to 100 ns).
    /// </summary>
    public static string Refusal(string? text)
    {
        if (text is null || Shape().Match(text) is not { Success: true } time)
            return $"'{text}' is not an RFC 3339 time with an offset";
        int Part(string name) => int.Parse(time.Groups[name].Value, CultureInfo.InvariantCulture);
        var (year, month, day) = (Part("year"), Part("month"), Part("day"));
        var offset = time.Groups["offsetHours"].Success ? (Hours: Part("offsetHours"), Minutes: Part("offsetMinutes")) : (Hours: 0, Minutes: 0);
        if (Part("second") == 60)
            return $"'{text}' is a leap second (:60), which .NET cannot hold";
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(Math.Max(year, 1), month)
            || Part("hour") > 23 || Part("minute") > 59 || Part("second") > 59 || offset.Minutes > 59)
            return $"'{text}' is not a date and time of the calendar";
        if (offset.Hours > 14 || (offset.Hours == 14 && offset.Minutes > 0))
            return $"'{text}' has an offset beyond ±14:00, which .NET cannot hold";
        return $"'{text}' is outside years 0001 to 9999 once in UTC (and rounded to 100 ns), which .NET cannot hold";
    }

    public static bool TryParse(string? text, out DateTimeOffset value) => TryParseIn(text, rfc3339Only: true, out value);

    /// <summary>
    /// Reads a time as releases before this one accepted it: also in the other forms of the general parser with an explicit
    /// offset (ISO 8601's comma fraction, a space before the offset). For reading back what a store kept, never for accepting.
    /// </summary>
    public static bool TryParseAsKept(string? text, out DateTimeOffset value) => TryParseIn(text, rfc3339Only: false, out value);

    private static bool TryParseIn(string? text, bool rfc3339Only, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrEmpty(text) || text.Length < 20 || (text[10] != 'T' && text[10] != 't' && text[10] != ' '))
            return false;
        if (!HasExplicitOffset(text))
            return false;
        // The general parser reads more than RFC 3339: only its shape, unless reading back.
        return TryParseCanonical(text, out value)
            || ((!rfc3339Only || Shape().IsMatch(text)) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out value));
    }

    /// <summary>Formats with millisecond precision and the value's own offset ("Z" for UTC).</summary>
    public static string Format(DateTimeOffset value)
    {
        // The round-trip format has a fast path of its own: yyyy-MM-ddTHH:mm:ss.fffffff+hh:mm, formatted on the stack.
        Span<char> text = stackalloc char[33];
        value.TryFormat(text, out _, "O", CultureInfo.InvariantCulture);
        // Drop trailing zeros of the fraction, but keep milliseconds, so formatted times stay short.
        var fractionEnd = 27;
        while (fractionEnd > 23 && text[fractionEnd - 1] == '0')
            fractionEnd--;
        ReadOnlySpan<char> offset = value.Offset == TimeSpan.Zero ? "Z" : text[27..];
        return string.Concat(text[..fractionEnd], offset);
    }

    /// <summary>
    /// Reads the shape producers write (see <see cref="TryParseCanonical(ReadOnlySpan{char}, out DateTimeOffset)"/>) straight
    /// from a record's UTF-8 bytes, without a string. False for anything else, which <see cref="TryParse"/> then reads from its text.
    /// </summary>
    internal static bool TryParseCanonical(ReadOnlySpan<byte> utf8, out DateTimeOffset value)
    {
        value = default;
        // "yyyy-MM-ddTHH:mm:ssZ" up to seven fraction digits and "+hh:mm".
        Span<char> text = stackalloc char[33];
        return utf8.Length is >= 20 and <= 33
            && Ascii.ToUtf16(utf8, text, out var written) == OperationStatus.Done
            && TryParseCanonical(text[..written], out value);
    }

    /// <summary>
    /// Reads the shape producers write, yyyy-MM-ddTHH:mm:ss[.fraction](Z|+hh:mm|-hh:mm), without the general
    /// parser: a fact's time is read each time the fact is. Anything else (including values the general
    /// parser would adjust or refuse) is left to <see cref="DateTimeOffset.TryParse(string, IFormatProvider, DateTimeStyles, out DateTimeOffset)"/>.
    /// </summary>
    private static bool TryParseCanonical(ReadOnlySpan<char> text, out DateTimeOffset value)
    {
        value = default;
        if (text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':'
            || !TryDigits(text[..4], out var year) || !TryDigits(text[5..7], out var month) || !TryDigits(text[8..10], out var day)
            || !TryDigits(text[11..13], out var hour) || !TryDigits(text[14..16], out var minute) || !TryDigits(text[17..19], out var second))
            return false;

        var end = 19;
        long fractionTicks = 0;
        if (text[end] == '.')
        {
            var start = ++end;
            while (end < text.Length && char.IsAsciiDigit(text[end]))
                end++;
            if (end - start is 0 or > 7 || !TryDigits(text[start..end], out var fraction))
                return false;
            // Up to seven digits, the tick's precision: scale the fraction to ticks.
            fractionTicks = fraction;
            for (var digits = end - start; digits < 7; digits++)
                fractionTicks *= 10;
        }

        TimeSpan offset;
        var zone = text[end..];
        if (zone is "Z")
            offset = TimeSpan.Zero;
        else if (zone.Length == 6 && zone[0] is '+' or '-' && zone[3] == ':' && TryDigits(zone[1..3], out var offsetHours)
            && TryDigits(zone[4..6], out var offsetMinutes) && offsetMinutes < 60 && offsetHours * 60 + offsetMinutes <= 14 * 60)
            offset = (zone[0] == '-' ? -1 : 1) * new TimeSpan(offsetHours, offsetMinutes, 0);
        else
            return false;

        // Years at the ends of the calendar are left to the general parser, which knows where an offset cannot reach.
        if (year is < 2 or > 9998 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
            return false;
        value = new DateTimeOffset(year, month, day, hour, minute, second, offset).AddTicks(fractionTicks);
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<char> digits, out int value)
    {
        value = 0;
        foreach (var digit in digits)
        {
            if (!char.IsAsciiDigit(digit))
                return false;
            value = value * 10 + (digit - '0');
        }
        return true;
    }

    // ASCII digits only: \d would take any Unicode digit (full-width ones too), which no RFC 3339 time has.
    [GeneratedRegex(@"^(?<year>[0-9]{4})-(?<month>[0-9]{2})-(?<day>[0-9]{2})[Tt ](?<hour>[0-9]{2}):(?<minute>[0-9]{2}):(?<second>[0-9]{2})(\.[0-9]+)?([Zz]|[+-](?<offsetHours>[0-9]{2}):(?<offsetMinutes>[0-9]{2}))$")]
    private static partial Regex Shape();

    private static bool HasExplicitOffset(string text)
    {
        var last = text[^1];
        if (last is 'Z' or 'z')
            return true;
        // "+hh:mm" or "-hh:mm" at the end of the string.
        return text.Length >= 6 && text[^3] == ':' && text[^6] is '+' or '-';
    }
}
