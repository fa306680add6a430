using System.Net;
using System.Net.Sockets;
using Factline.Bench.Corpus;
using Factline.Bench.Http;
using Factline.Bench.Workers;

using Factline.Bench.Report;

namespace Factline.Bench.Suite;

/// <summary>Scenario 3: the product's server over each persistent store, loaded by wrk, one query kind at a time.</summary>
internal static class HttpPhase
{
    private static readonly TimeSpan Warmup = TimeSpan.FromSeconds(3);

    public static async Task<HttpResults> RunAsync(BenchSettings settings, LoadedCorpus corpus, CancellationToken cancellationToken)
    {
        var command = Wrk.CommandLine("http://127.0.0.1:PORT", settings.Http);
        if (!Wrk.IsInstalled())
            return new HttpResults([], "wrk is not installed (bench/run.sh installs it with apt-get)", command);

        var served = new List<ServedStore>();
        foreach (var store in settings.PersistentStores)
        {
            var url = $"http://127.0.0.1:{FreePort()}";
            await using var server = WorkerProcess.Start(new ServeRequest(corpus.Source, store.Name, IngestPhase.FilledSlot(settings, store), url));
            await server.WaitUntilReadyAsync(cancellationToken);
            var kinds = new List<HttpKindRuns>();
            foreach (var (kind, paths) in HttpPaths.From(corpus.Samples))
            {
                var pathsFile = Path.Combine(settings.WorkDirectory, $"wrk-{store.Name}-{kinds.Count + 1}.txt");
                await File.WriteAllLinesAsync(pathsFile, paths, cancellationToken);
                kinds.Add(await LoadAsync(settings, url, store.Name, kind, pathsFile, paths[0], cancellationToken));
            }
            served.Add(new ServedStore(store.Name, kinds, await server.FinishAsync<ServeMeasurement>(cancellationToken)));
        }
        return new HttpResults(served, SkippedBecause: null, command);
    }

    private static async Task<HttpKindRuns> LoadAsync(
        BenchSettings settings, string url, string store, string kind, string pathsFile, string examplePath, CancellationToken cancellationToken)
    {
        // The server's first seconds are JIT compilation and cold caches, which no steady-state figure should include.
        await Wrk.RunAsync(url, pathsFile, settings.Http with { Duration = Warmup }, cancellationToken);
        var runs = new List<WrkMeasurement>();
        for (var run = 1; run <= settings.Runs; run++)
        {
            var measured = await Wrk.RunAsync(url, pathsFile, settings.Http, cancellationToken);
            Progress.Report("http", $"{store,-8} {kind,-28} run {run}: {measured.RequestsPerSecond,9:N0} req/s, " +
                $"p50 {Units.Micros(measured.P50Micros)}, p99 {Units.Micros(measured.P99Micros)}" +
                (measured.Failures > 0 ? $", {measured.Failures} FAILED" : ""));
            runs.Add(measured);
        }
        return new HttpKindRuns(kind, examplePath, runs);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
