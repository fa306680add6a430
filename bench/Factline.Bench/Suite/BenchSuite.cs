using System.Diagnostics;
using Factline.Bench.Corpus;
using Factline.Kafka.Mock;

namespace Factline.Bench.Suite;

/// <summary>
/// Runs every scenario in order of priority against one corpus on one in-process mock broker. The
/// broker lives here; every measurement runs in a worker process that connects to it over TCP.
/// </summary>
internal static class BenchSuite
{
    private static readonly string[] SlotFolders = ["ingest", "query"];

    public static async Task<SuiteResults> RunAsync(BenchSettings settings, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        var environment = RunEnvironment.Read();
        Progress.Report("setup", $"{environment.Processors} cores, {environment.CpuModel}, load average {environment.LoadAverage}; work directory {settings.WorkDirectory}");
        Directory.CreateDirectory(settings.WorkDirectory);
        DeleteSlots(settings);
        try
        {
            using var cluster = new MockCluster();
            Progress.Report("corpus", $"producing {settings.Facts:N0} facts into {settings.Topic} ({settings.Partitions} partitions, zstd)");
            var corpus = await CorpusLoader.LoadAsync(cluster,
                new CorpusSettings(settings.Topic, settings.Facts, settings.Partitions, settings.Seed, settings.SamplesPath), cancellationToken);
            Progress.Report("corpus", $"{corpus.Source.Facts:N0} facts in {corpus.Transactions:N0} transactions, {corpus.MeanFactBytes:N0} bytes per fact, " +
                $"loaded in {corpus.LoadSeconds:N1} s; all retained ({corpus.Partitions.Fewest:N0} to {corpus.Partitions.Most:N0} per partition)");

            var ingest = await IngestPhase.RunAsync(settings, corpus, cancellationToken);
            var queries = await QueryPhase.RunAsync(settings, corpus, cancellationToken);
            var http = await HttpPhase.RunAsync(settings, corpus, cancellationToken);
            var scan = await ScanPhase.RunAsync(settings, corpus, cancellationToken);
            return new SuiteResults(settings, environment, corpus, ingest, queries, http, scan, RunEnvironment.LoadAverageNow(), started.Elapsed);
        }
        finally
        {
            foreach (var store in settings.Stores)
                store.Delete(IngestPhase.FilledSlot(settings, store));
            DeleteSlots(settings);
        }
    }

    /// <summary>The stores a run fills are large and useless afterwards: the next run rebuilds them.</summary>
    private static void DeleteSlots(BenchSettings settings)
    {
        foreach (var folder in SlotFolders.Select(f => Path.Combine(settings.WorkDirectory, f)).Where(Directory.Exists))
            Directory.Delete(folder, recursive: true);
    }
}
