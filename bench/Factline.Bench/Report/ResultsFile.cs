using System.Text.Json;
using Factline.Bench.Suite;
using Factline.Bench.Workers;

namespace Factline.Bench.Report;

/// <summary>A run's results as JSON: the page can be rewritten from them without measuring again.</summary>
internal static class ResultsFile
{
    public static void Save(SuiteResults results, string path) =>
        File.WriteAllText(path, JsonSerializer.Serialize(results, BenchJson.Options));

    public static SuiteResults Load(string path) =>
        JsonSerializer.Deserialize<SuiteResults>(File.ReadAllText(path), BenchJson.Options)
        ?? throw new InvalidDataException($"{path} holds no results.");
}
