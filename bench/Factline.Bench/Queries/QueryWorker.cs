using Factline.Bench.Corpus;
using Factline.Bench.Ingest;
using Factline.Bench.Stores;

namespace Factline.Bench.Queries;

/// <summary>Runs one <see cref="QueryRequest"/> inside a worker process.</summary>
internal static class QueryWorker
{
    public static async Task<QueryMeasurement> RunAsync(QueryRequest request, CancellationToken cancellationToken)
    {
        var store = BenchStores.Named(request.Store);
        await using var projection = store.Open(request.Slot);
        if (!store.IsPersistent)
            await ProjectorRun.CatchUpAsync(request.Source, projection, cancellationToken);

        var scenarios = await QueryScenarios.CreateAsync(projection, CorpusSamples.Load(request.SamplesPath), cancellationToken);
        var sampler = new LatencySampler(request.Budget, new Random(request.Seed));
        var runs = scenarios.Select(_ => new List<LatencyRun>()).ToArray();
        for (var run = 0; run < request.Runs; run++)
        {
            for (var kind = 0; kind < scenarios.Count; kind++)
                runs[kind].Add(await sampler.MeasureAsync(scenarios[kind], cancellationToken));
        }
        return new QueryMeasurement(store.Name, scenarios.Select((s, i) => new QueryKindRuns(s.Name, runs[i])).ToArray());
    }
}
