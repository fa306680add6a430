namespace Factline.Bench.Report;

/// <summary>The median of several runs with their smallest and largest value.</summary>
public readonly record struct Spread(double Median, double Min, double Max)
{
    public static Spread Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
            throw new ArgumentException("A spread needs at least one value.", nameof(values));
        var middle = sorted.Length / 2;
        var median = sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        return new Spread(median, sorted[0], sorted[^1]);
    }

    /// <summary>"median (min–max)", each value formatted by <paramref name="format"/>.</summary>
    public string Format(Func<double, string> format) =>
        Min == Max ? format(Median) : $"{format(Median)} ({format(Min)}–{format(Max)})";
}
