using System.Globalization;

namespace Factline.Timelines;

/// <summary>Spans of log time: how they are measured and how reasons put them in words.</summary>
public static class LogTime
{
    /// <summary>
    /// How long the log went on after <paramref name="lastActivity"/>. Never negative: a log clock taken
    /// from another partition can trail a transaction's own broker time, which means "no time has passed".
    /// </summary>
    public static TimeSpan? Idle(DateTimeOffset? logClock, DateTimeOffset? lastActivity) =>
        logClock is { } clock && lastActivity is { } last ? (clock > last ? clock - last : TimeSpan.Zero) : null;

    /// <summary>A short human form: "850ms", "12.5s", "7m 30s", "2h 5m", "3d 4h".</summary>
    public static string Describe(TimeSpan span)
    {
        var c = CultureInfo.InvariantCulture;
        if (span < TimeSpan.FromSeconds(1))
            return string.Create(c, $"{(long)span.TotalMilliseconds}ms");
        if (span < TimeSpan.FromMinutes(1))
            return string.Create(c, $"{Math.Floor(span.TotalSeconds * 10) / 10:0.#}s");
        if (span < TimeSpan.FromHours(1))
            return Pair(c, (long)span.TotalMinutes, "m", span.Seconds, "s");
        if (span < TimeSpan.FromDays(1))
            return Pair(c, (long)span.TotalHours, "h", span.Minutes, "m");
        return Pair(c, (long)span.TotalDays, "d", span.Hours, "h");
    }

    private static string Pair(CultureInfo c, long major, string majorUnit, int minor, string minorUnit) =>
        minor == 0 ? string.Create(c, $"{major}{majorUnit}") : string.Create(c, $"{major}{majorUnit} {minor}{minorUnit}");
}
