using System.Text.Json;
using System.Text.Json.Serialization;

namespace Factline.Bench.Workers;

/// <summary>How the bench and its worker processes write requests, results and the samples file.</summary>
internal static class BenchJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };
}
