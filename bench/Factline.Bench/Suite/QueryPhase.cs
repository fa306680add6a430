using Factline.Bench.Corpus;
using Factline.Bench.Queries;
using Factline.Bench.Stores;
using Factline.Bench.Workers;

using Factline.Bench.Report;

namespace Factline.Bench.Suite;

/// <summary>Scenario 2: in-process query latency on every store, each store in a worker process of its own.</summary>
internal static class QueryPhase
{
    public static async Task<IReadOnlyList<QueryMeasurement>> RunAsync(BenchSettings settings, LoadedCorpus corpus, CancellationToken cancellationToken)
    {
        var measurements = new List<QueryMeasurement>();
        foreach (var store in settings.Stores)
        {
            var slot = store.IsPersistent
                ? IngestPhase.FilledSlot(settings, store)
                : new StoreSlot(Path.Combine(settings.WorkDirectory, "query", store.Name), $"bench_query_{store.Name}");
            Progress.Report("queries", store.IsPersistent ? $"{store.Name}: querying the store the last ingest round filled" : $"{store.Name}: filling from the topic, then querying");
            var measured = await WorkerProcess.RunAsync<QueryMeasurement>(
                new QueryRequest(corpus.Source, store.Name, slot, corpus.SamplesPath, settings.Runs, settings.QueryBudget, settings.Seed), cancellationToken);
            foreach (var kind in measured.Kinds)
            {
                Progress.Report("queries", $"{store.Name,-8} {kind.Kind,-42} p50 {Units.Micros(Spread.Of(kind.Runs.Select(r => r.P50Micros)).Median),9}" +
                    $"  p99 {Units.Micros(Spread.Of(kind.Runs.Select(r => r.P99Micros)).Median),9}");
            }
            measurements.Add(measured);
        }
        return measurements;
    }
}
