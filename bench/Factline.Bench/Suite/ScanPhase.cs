using Factline.Bench.Corpus;
using Factline.Bench.Scan;
using Factline.Bench.Workers;

namespace Factline.Bench.Suite;

/// <summary>Scenario 4: what finding one transaction costs without Factline.</summary>
internal static class ScanPhase
{
    public static async Task<ScanResults> RunAsync(BenchSettings settings, LoadedCorpus corpus, CancellationToken cancellationToken)
    {
        var correlationId = corpus.Samples.CorrelationIds[0];
        var runs = new List<ScanMeasurement>();
        for (var run = 1; run <= settings.Runs; run++)
        {
            var measured = await WorkerProcess.RunAsync<ScanMeasurement>(new ScanRequest(corpus.Source, correlationId), cancellationToken);
            Progress.Report("scan", $"run {run}: {measured.Matches} facts of {correlationId} found among {measured.RecordsRead:N0} records in {measured.Seconds:N2} s");
            runs.Add(measured);
        }
        return new ScanResults(correlationId, runs);
    }
}
