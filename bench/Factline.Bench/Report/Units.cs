using System.Globalization;

namespace Factline.Bench.Report;

/// <summary>How figures are written on the console and the results page.</summary>
public static class Units
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Count(double value) => value.ToString("N0", Invariant);

    public static string Mebibytes(double bytes) => (bytes / (1024 * 1024)).ToString(bytes < 10 * 1024 * 1024 ? "N1" : "N0", Invariant) + " MiB";

    public static string Micros(double micros) => micros switch
    {
        < 1_000 => micros.ToString("N0", Invariant) + " µs",
        < 1_000_000 => (micros / 1_000).ToString("N2", Invariant) + " ms",
        _ => (micros / 1_000_000).ToString("N2", Invariant) + " s",
    };

    public static string Percent(double fraction) => (fraction * 100).ToString("N0", Invariant) + "%";

    public static string Seconds(double seconds) => seconds.ToString("N2", Invariant) + " s";

    public static string Ratio(double ratio) => ratio switch
    {
        >= 100 => ratio.ToString("N0", Invariant) + "×",
        _ => ratio.ToString("N2", Invariant) + "×",
    };
}
