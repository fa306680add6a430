using System.Collections.Frozen;
using System.Globalization;
using Factline.Projection.Evidence;

namespace Factline.Api.Evidence;

/// <summary>
/// Which partitions could hold a request's answer. A transaction's facts are keyed by its correlationId,
/// so a lookup by one correlationId concerns one partition per topic; anything else concerns them all. So does a lookup
/// by correlationId in a topic where facts were read outside their correlationId's partition: its facts could be anywhere.
/// A request about one topic or one partition (a route's topic, or an exact filter on it) concerns only those: one
/// about a topic or partition nobody projects concerns none, and is never complete.
/// </summary>
internal static class EvidenceScope
{
    public const string CorrelationParameter = "correlationId";

    /// <summary>The route value and the query parameters that name the one topic, or partition, a request is about.</summary>
    private static readonly string[] TopicParameters = ["topicId", "log.topic", "topic"];
    private static readonly string[] PartitionParameters = ["log.partition", "partition"];

    public static IReadOnlyList<PartitionProgress> For(HttpContext http, ReadProgress progress, IReadProgressSource source)
    {
        var key = CorrelationKey(http);
        var topic = TopicParameters.Select(name => Single(http, name)).FirstOrDefault(value => value is not null);
        var partitionText = PartitionParameters.Select(name => Single(http, name)).FirstOrDefault(value => value is not null);
        int? partition = null;
        if (partitionText is not null)
        {
            // A partition number no partition has (negative, or beyond any count) names none: nothing can hold the answer.
            if (!int.TryParse(partitionText, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
                return [];
            partition = number;
        }
        if (key is null && topic is null && partition is null)
            return progress.Partitions;
        var unkeyedTopics = key is null ? FrozenSet<string>.Empty : TopicsWithMisplacedFacts(progress);
        return progress.Partitions
            .Where(p => (topic is null || p.Partition.Topic == topic) && (partition is null || p.Partition.Partition == partition))
            .Where(p => key is null || unkeyedTopics.Contains(p.Partition.Topic)
                || source.PartitionFor(p.Partition.Topic, key) is not { } owner || owner == p.Partition.Partition)
            .ToArray();
    }

    private static IReadOnlySet<string> TopicsWithMisplacedFacts(ReadProgress progress) =>
        progress.Partitions.Any(p => p.MisplacedFacts > 0)
            ? progress.Partitions.Where(p => p.MisplacedFacts > 0).Select(p => p.Partition.Topic).ToHashSet()
            : FrozenSet<string>.Empty;

    /// <summary>The single correlationId the request is about (route value or an exact, single-valued filter), if any.</summary>
    private static string? CorrelationKey(HttpContext http) => Single(http, CorrelationParameter);

    /// <summary>The one value of a route value, or of a query parameter given once with one value (no comma list), if any.</summary>
    private static string? Single(HttpContext http, string name)
    {
        if (http.Request.RouteValues.TryGetValue(name, out var routeValue) && routeValue is string fromRoute)
            return fromRoute;
        var values = http.Request.Query[name];
        return values.Count == 1 && values[0] is { Length: > 0 } value && !value.Contains(',') ? value : null;
    }
}
