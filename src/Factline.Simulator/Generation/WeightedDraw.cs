namespace Factline.Simulator.Generation;

/// <summary>Draws one item with probability proportional to its weight.</summary>
internal static class WeightedDraw
{
    public static T Pick<T>(Random random, IReadOnlyList<T> items, Func<T, double> weightOf)
    {
        var roll = random.NextDouble() * items.Sum(weightOf);
        foreach (var item in items)
        {
            var weight = weightOf(item);
            if (roll < weight)
                return item;
            roll -= weight;
        }
        // Only reachable through floating-point rounding: fall back to the last item that can be drawn at all.
        return items.Last(item => weightOf(item) > 0);
    }
}
