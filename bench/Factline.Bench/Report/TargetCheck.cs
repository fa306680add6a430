namespace Factline.Bench.Report;

/// <summary>One target of issue 7, what this run measured for it, and whether it was met.</summary>
public sealed record TargetCheck(string Target, string Measured, string Verdict)
{
    public static TargetCheck NotMeasured(string target, string why) => new(target, "—", $"not measured: {why}");

    /// <summary>A figure that must reach <paramref name="goal"/>; the measured figure is the median of the runs.</summary>
    public static TargetCheck AtLeast(string target, Spread? measured, double goal, Func<double, string> format, string notMeasured) =>
        measured is not { } spread
            ? NotMeasured(target, notMeasured)
            : new(target, spread.Format(format), spread.Median >= goal
                ? $"met ({Units.Ratio(spread.Median / goal)} the target)"
                : $"**missed** by {Units.Percent(1 - spread.Median / goal)} (reached {Units.Percent(spread.Median / goal)} of it)");

    /// <summary>A figure that must stay at or below <paramref name="limit"/>; the measured figure is the median of the runs.</summary>
    public static TargetCheck AtMost(string target, Spread? measured, double limit, Func<double, string> format, string notMeasured) =>
        measured is not { } spread
            ? NotMeasured(target, notMeasured)
            : new(target, spread.Format(format), spread.Median <= limit
                ? $"met ({Units.Percent(spread.Median / limit)} of the limit)"
                : $"**missed**: {Units.Ratio(spread.Median / limit)} the limit");
}
