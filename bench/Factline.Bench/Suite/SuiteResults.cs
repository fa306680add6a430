using Factline.Bench.Corpus;
using Factline.Bench.Http;
using Factline.Bench.Ingest;
using Factline.Bench.Queries;
using Factline.Bench.Scan;

namespace Factline.Bench.Suite;

/// <summary>Everything one bench run measured, for the results page.</summary>
public sealed record SuiteResults(
    BenchSettings Settings,
    RunEnvironment Environment,
    LoadedCorpus Corpus,
    IngestResults Ingest,
    IReadOnlyList<QueryMeasurement> Queries,
    HttpResults Http,
    ScanResults Scan,
    string LoadAverageAtEnd,
    TimeSpan Duration);

/// <summary>Each round: the bare consumer first, then every store, all reading the same topic.</summary>
public sealed record IngestResults(IReadOnlyList<IReadOnlyList<IngestMeasurement>> Rounds)
{
    /// <summary>What every round read into, in the order they ran.</summary>
    public IEnumerable<string> Targets => Rounds.Count == 0 ? [] : Rounds[0].Select(m => m.Target);

    public bool Measured(string target) => Targets.Contains(target);

    public IEnumerable<IngestMeasurement> RunsOf(string target) => Rounds.Select(round => round.Single(m => m.Target == target));

    /// <summary>A target's rate divided by the bare consumer's rate in the same round.</summary>
    public IEnumerable<double> RatiosToBaseline(string target) =>
        Rounds.Select(round => round.Single(m => m.Target == target).FactsPerSecond
            / round.Single(m => m.Target == IngestWorker.BareConsumer).FactsPerSecond);
}

/// <summary>The HTTP scenario per served store, or why it did not run.</summary>
public sealed record HttpResults(IReadOnlyList<ServedStore> Stores, string? SkippedBecause, string WrkCommand);

public sealed record ServedStore(string Store, IReadOnlyList<HttpKindRuns> Kinds, ServeMeasurement Server);

public sealed record HttpKindRuns(string Kind, string ExamplePath, IReadOnlyList<WrkMeasurement> Runs);

public sealed record ScanResults(string CorrelationId, IReadOnlyList<ScanMeasurement> Runs);
