using System.Globalization;
using System.Text.RegularExpressions;

namespace Factline.Bench.Http;

/// <summary>What one wrk run reported.</summary>
/// <param name="Failures">Responses outside 2xx/3xx plus socket errors: a run with any is not a clean measurement.</param>
/// <param name="FailureKinds">What the failures were as wrk counts them, e.g. "32 non-2xx responses"; null without failures.</param>
public sealed partial record WrkMeasurement(double RequestsPerSecond, double P50Micros, double P99Micros, long Requests, long Failures, string? FailureKinds = null)
{
    private static readonly string[] SocketErrorKinds = ["connect", "read", "write", "timeout"];

    /// <summary>Reads wrk's report (run with <c>--latency</c>).</summary>
    /// <exception cref="FormatException">The output lacks a figure the bench needs.</exception>
    public static WrkMeasurement Parse(string output)
    {
        var nonSuccess = NonSuccess().Match(output);
        var socketErrors = SocketErrors().Match(output);
        var kinds = new List<(long Count, string Kind)>();
        if (nonSuccess.Success)
            kinds.Add((long.Parse(nonSuccess.Groups[1].Value, CultureInfo.InvariantCulture), "non-2xx responses"));
        if (socketErrors.Success)
        {
            for (var i = 0; i < SocketErrorKinds.Length; i++)
                kinds.Add((long.Parse(socketErrors.Groups[i + 1].Value, CultureInfo.InvariantCulture), $"socket {SocketErrorKinds[i]} errors"));
        }
        var counted = kinds.Where(kind => kind.Count > 0).ToList();
        return new WrkMeasurement(
            Number(RequestsPerSecondLine().Match(output), "Requests/sec"),
            Latency(output, "50%"),
            Latency(output, "99%"),
            (long)Number(RequestCountLine().Match(output), "requests in"),
            counted.Sum(kind => kind.Count),
            counted.Count > 0 ? string.Join(", ", counted.Select(kind => $"{kind.Count} {kind.Kind}")) : null);
    }

    private static double Latency(string output, string percentile)
    {
        var match = Regex.Match(output, $@"^\s*{Regex.Escape(percentile)}\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline);
        var value = Number(match, $"the {percentile} latency");
        return match.Groups[2].Value switch
        {
            "us" => value,
            "ms" => value * 1_000,
            _ => value * 1_000_000,
        };
    }

    private static double Number(Match match, string what) =>
        match.Success
            ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
            : throw new FormatException($"wrk's output has no {what} figure.");

    [GeneratedRegex(@"^Requests/sec:\s+([\d.]+)", RegexOptions.Multiline)]
    private static partial Regex RequestsPerSecondLine();

    [GeneratedRegex(@"^\s*(\d+) requests in", RegexOptions.Multiline)]
    private static partial Regex RequestCountLine();

    [GeneratedRegex(@"Non-2xx or 3xx responses: (\d+)")]
    private static partial Regex NonSuccess();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrors();
}
