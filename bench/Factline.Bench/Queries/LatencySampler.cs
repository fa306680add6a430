using System.Diagnostics;

namespace Factline.Bench.Queries;

/// <summary>How long to warm up and to sample each query kind in each run.</summary>
public sealed record SamplingBudget(TimeSpan Warmup, TimeSpan Measure, int MinSamples = 5, int MaxSamples = 20_000, int WarmupCalls = 200);

/// <summary>Times one call at a time on random variants: the latency a single client sees.</summary>
internal sealed class LatencySampler(SamplingBudget budget, Random random)
{
    public async Task<LatencyRun> MeasureAsync(QueryScenario scenario, CancellationToken cancellationToken)
    {
        var warmup = Stopwatch.StartNew();
        for (var i = 0; i < budget.WarmupCalls && warmup.Elapsed < budget.Warmup; i++)
            await scenario.Run(random.Next(scenario.Variants), cancellationToken);

        var micros = new List<double>();
        long facts = 0;
        var measuring = Stopwatch.StartNew();
        while (micros.Count < budget.MaxSamples && (micros.Count < budget.MinSamples || measuring.Elapsed < budget.Measure))
        {
            var variant = random.Next(scenario.Variants);
            var started = Stopwatch.GetTimestamp();
            var found = await scenario.Run(variant, cancellationToken);
            micros.Add(Stopwatch.GetElapsedTime(started).TotalMicroseconds);
            if (found == 0 && scenario.MustFindFacts)
                throw new InvalidOperationException($"{scenario.Name}: variant {variant} found nothing, but it was sampled from the loaded facts.");
            facts += found;
        }
        return LatencyRun.From(micros, facts);
    }
}
