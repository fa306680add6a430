using System.Collections.Frozen;
using Factline.Projection.Evidence;
using Microsoft.AspNetCore.Http;

namespace Factline.Api.Evidence;

/// <summary>
/// Which partitions could hold a request's answer. A transaction's facts are keyed by its correlationId,
/// so a lookup by one correlationId concerns one partition per topic; anything else concerns them all. So does a lookup
/// by correlationId in a topic where facts were read outside their correlationId's partition: its facts could be anywhere.
/// </summary>
internal static class EvidenceScope
{
    public const string CorrelationParameter = "correlationId";

    public static IReadOnlyList<PartitionProgress> For(HttpContext http, ReadProgress progress, IReadProgressSource source)
    {
        var key = CorrelationKey(http);
        if (key is null)
            return progress.Partitions;
        var unkeyedTopics = TopicsWithMisplacedFacts(progress);
        return progress.Partitions
            .Where(p => unkeyedTopics.Contains(p.Partition.Topic)
                || source.PartitionFor(p.Partition.Topic, key) is not { } owner || owner == p.Partition.Partition)
            .ToArray();
    }

    private static IReadOnlySet<string> TopicsWithMisplacedFacts(ReadProgress progress) =>
        progress.Partitions.Any(p => p.MisplacedFacts > 0)
            ? progress.Partitions.Where(p => p.MisplacedFacts > 0).Select(p => p.Partition.Topic).ToHashSet()
            : FrozenSet<string>.Empty;

    /// <summary>The single correlationId the request is about (route value or an exact, single-valued filter), if any.</summary>
    private static string? CorrelationKey(HttpContext http)
    {
        if (http.Request.RouteValues.TryGetValue(CorrelationParameter, out var routeValue) && routeValue is string fromRoute)
            return fromRoute;
        var values = http.Request.Query[CorrelationParameter];
        return values.Count == 1 && values[0] is { Length: > 0 } value && !value.Contains(',') ? value : null;
    }
}
