using Factline.Bench.Corpus;
using Factline.Bench.Stores;
using Factline.Bench.Workers;

namespace Factline.Bench.Queries;

/// <summary>
/// Time the in-process queries on one store. A store that does not outlive its process (memory) is
/// first filled from the topic by the projector.
/// </summary>
public sealed record QueryRequest(TopicSource Source, string Store, StoreSlot Slot, string SamplesPath, int Runs, SamplingBudget Budget, int Seed)
    : WorkerRequest;

/// <summary>Every run of every query kind on one store.</summary>
public sealed record QueryMeasurement(string Store, IReadOnlyList<QueryKindRuns> Kinds);

public sealed record QueryKindRuns(string Kind, IReadOnlyList<LatencyRun> Runs);
