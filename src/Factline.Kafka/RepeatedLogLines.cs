using System.Text.RegularExpressions;

namespace Factline.Kafka;

/// <summary>
/// Tells a client's log line that repeats one logged within the quiet period: a broker that refuses connections is
/// retried every ~100 ms, and each attempt is a line that differs only in its numbers. Safe from any thread.
/// </summary>
internal sealed partial class RepeatedLogLines(TimeProvider clock, TimeSpan quietPeriod)
{
    /// <summary>Distinct lines remembered at most; beyond it the memory starts over, which only lets a repeat through.</summary>
    private const int MaxRemembered = 1_000;

    private readonly Dictionary<string, DateTimeOffset> _lastLogged = [];
    private readonly Lock _lock = new();

    /// <summary>True when a line like this one (numbers aside) was logged less than the quiet period ago; otherwise remembers it as logged now.</summary>
    public bool IsRepeat(string facility, string message)
    {
        var key = $"{facility}|{Suppressed().Replace(Numbers().Replace(message, "#"), "")}";
        var now = clock.GetUtcNow();
        lock (_lock)
        {
            if (_lastLogged.TryGetValue(key, out var last) && now - last < quietPeriod)
                return true;
            if (_lastLogged.Count >= MaxRemembered)
                _lastLogged.Clear();
            _lastLogged[key] = now;
            return false;
        }
    }

    [GeneratedRegex(@"\d+")]
    private static partial Regex Numbers();

    /// <summary>librdkafka's own count of the repeats it held back, which makes a repeat look like another line.</summary>
    [GeneratedRegex(@", # identical error\(s\) suppressed")]
    private static partial Regex Suppressed();
}
