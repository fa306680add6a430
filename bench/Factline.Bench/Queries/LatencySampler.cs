using System.Diagnostics;
using System.Runtime;

namespace Factline.Bench.Queries;

/// <summary>
/// How long to warm up and to sample each query kind in each run. A warm-up makes at least <c>WarmupCalls</c> calls
/// and goes on until the JIT has compiled nothing for a while (see <see cref="LatencySampler"/>), for at most <c>Warmup</c>.
/// </summary>
public sealed record SamplingBudget(TimeSpan Warmup, TimeSpan Measure, int MinSamples = 5, int MaxSamples = 20_000, int WarmupCalls = 200);

/// <summary>
/// Times one call at a time on random variants: the latency a single client of a running service sees. Tiered
/// compilation recompiles hot code in the background for a while after its first calls (instrumented, then optimized),
/// so the warm-up lasts until the JIT has been quiet for <see cref="JitQuiet"/>: what is measured is then the code a
/// long-running server runs, not its compilation.
/// </summary>
internal sealed class LatencySampler(SamplingBudget budget, Random random)
{
    public static readonly TimeSpan JitQuiet = TimeSpan.FromMilliseconds(250);

    public async Task<LatencyRun> MeasureAsync(QueryScenario scenario, CancellationToken cancellationToken)
    {
        await WarmUpAsync(scenario, cancellationToken);
        return await SampleAsync(scenario, cancellationToken);
    }

    /// <summary>Times calls for the budget's measuring time, without a warm-up.</summary>
    public async Task<LatencyRun> SampleAsync(QueryScenario scenario, CancellationToken cancellationToken)
    {
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

    public async Task WarmUpAsync(QueryScenario scenario, CancellationToken cancellationToken)
    {
        var warmup = Stopwatch.StartNew();
        var quiet = Stopwatch.StartNew();
        var compiled = JitInfo.GetCompiledMethodCount();
        for (var calls = 0; warmup.Elapsed < budget.Warmup && (calls < budget.WarmupCalls || quiet.Elapsed < JitQuiet); calls++)
        {
            await scenario.Run(random.Next(scenario.Variants), cancellationToken);
            if (JitInfo.GetCompiledMethodCount() is var now && now != compiled)
            {
                compiled = now;
                quiet.Restart();
            }
        }
    }
}
