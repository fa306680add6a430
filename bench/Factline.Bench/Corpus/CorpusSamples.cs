using System.Text.Json;
using Factline.Bench.Workers;

namespace Factline.Bench.Corpus;

/// <summary>
/// Identifiers drawn at random from the loaded facts, so every query the bench sends asks for
/// something that exists. Written to a file that the workers (and wrk's script) read.
/// </summary>
public sealed record CorpusSamples(
    IReadOnlyList<string> EventIds,
    IReadOnlyList<string> CorrelationIds,
    IReadOnlyList<SearchSample> Searches)
{
    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, BenchJson.Options));

    public static CorpusSamples Load(string path) =>
        JsonSerializer.Deserialize<CorpusSamples>(File.ReadAllText(path), BenchJson.Options)
        ?? throw new InvalidDataException($"{path} holds no samples.");
}

/// <summary>The three filters of a search, taken from one real fact so that the search finds it.</summary>
/// <param name="Outcome">The outcome's wire name, e.g. "SUCCESS".</param>
public sealed record SearchSample(string EventType, string Stage, string Outcome);
