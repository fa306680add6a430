namespace Factline.Timelines;

/// <summary>The stages a pipeline expects against those the facts show.</summary>
/// <param name="Expected">As configured, in order; empty when the pipeline expects nothing in particular.</param>
/// <param name="Observed">Every stage with a fact, in the order of its first fact.</param>
/// <param name="Missing">Expected stages without any fact, in the expected order.</param>
/// <param name="Unexpected">Observed stages the pipeline does not expect; empty when it expects nothing in particular.</param>
public sealed record StageCoverage(
    IReadOnlyList<string> Expected,
    IReadOnlyList<string> Observed,
    IReadOnlyList<string> Missing,
    IReadOnlyList<string> Unexpected)
{
    public static StageCoverage Of(Pipeline pipeline, IReadOnlyList<string> observed)
    {
        if (!pipeline.HasExpectedStages)
            return new StageCoverage([], observed, [], []);
        return new StageCoverage(
            pipeline.ExpectedStages,
            observed,
            [.. pipeline.ExpectedStages.Where(stage => !observed.Contains(stage, StringComparer.Ordinal))],
            [.. observed.Where(stage => !pipeline.ExpectedStages.Contains(stage, StringComparer.Ordinal))]);
    }
}
