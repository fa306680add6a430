using Factline.Bench.Corpus;
using Factline.Bench.Queries;

namespace Factline.Bench.Suite;

/// <summary>The TMF688 requests wrk sends for each query kind, built from the corpus samples.</summary>
internal static class HttpPaths
{
    private const string Events = "/tmf-api/event/v4/event";

    public static IReadOnlyList<(string Kind, IReadOnlyList<string> Paths)> From(CorpusSamples samples) =>
    [
        (QueryKinds.EventId, [.. samples.EventIds.Select(id => $"{Events}/{Uri.EscapeDataString(id)}")]),
        (QueryKinds.Timeline, [.. samples.CorrelationIds.Select(id => $"{Events}?correlationId={Uri.EscapeDataString(id)}")]),
        (QueryKinds.Search, [.. samples.Searches.Select(s =>
            $"{Events}?eventType={Uri.EscapeDataString(s.EventType)}&stage={Uri.EscapeDataString(s.Stage)}&outcome={Uri.EscapeDataString(s.Outcome)}&limit=100")]),
    ];
}
