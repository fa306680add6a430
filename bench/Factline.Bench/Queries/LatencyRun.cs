namespace Factline.Bench.Queries;

/// <summary>One run of one query kind: how many calls were timed and their latency percentiles.</summary>
/// <param name="MeanFacts">Facts returned per call, on average: shows what a call actually did.</param>
public sealed record LatencyRun(int Samples, double P50Micros, double P99Micros, double MaxMicros, double MeanFacts)
{
    public static LatencyRun From(List<double> micros, long factsReturned)
    {
        micros.Sort();
        return new LatencyRun(micros.Count, NearestRank(micros, 0.50), NearestRank(micros, 0.99), micros[^1], factsReturned / (double)micros.Count);
    }

    /// <summary>The smallest sample that at least <paramref name="fraction"/> of all samples do not exceed.</summary>
    private static double NearestRank(List<double> sorted, double fraction) =>
        sorted[Math.Max(0, (int)Math.Ceiling(fraction * sorted.Count) - 1)];
}
