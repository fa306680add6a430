using Factline.Projection;
using Factline.Projection.Evidence;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Factline.Api.Health;

/// <summary>
/// Degraded while the projection cannot follow its log: a partition paused because its log was replaced (a rebuild
/// resumes it), a configured topic the cluster lacks, no partition known because Kafka has not answered since the start,
/// log ends Kafka has not confirmed for longer than the evidence allows, or a batch the projector keeps retrying (the
/// store or the dead-letter topic refuses it). Still ready (200): queries answer honestly
/// meanwhile, and another instance of the same projection would answer alike, so taking this one out of the rotation
/// helps nobody. Lag alone is not degraded: it is what a projection catching up looks like.
/// </summary>
/// <param name="projector">This instance's projector; none where the API serves a store another process projects into.</param>
internal sealed class ProjectionHealthCheck(IReadProgressSource source, Projector? projector = null) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ReadProgress progress;
        try
        {
            progress = await source.CurrentAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The store check says why as Unhealthy; this one only says it could not look.
            return HealthCheckResult.Degraded($"could not read the projection's bookmarks: {e.Message}");
        }

        var problems = Problems(progress).ToList();
        if (projector?.Statistics.FailingApply is { } failure)
            problems.Add($"the projector is retrying a batch it could not apply: {failure}");
        return problems.Count == 0 ? HealthCheckResult.Healthy() : HealthCheckResult.Degraded(string.Join("; ", problems));
    }

    private static IEnumerable<string> Problems(ReadProgress progress)
    {
        if (Names(progress.Partitions.Where(p => p.LogReplaced)) is { } replaced)
            yield return $"{replaced} paused: the log was replaced under the view; a rebuild reads it as it is now (factline rebuild)";
        if (progress.Partitions.Count == 0 && progress.MissingTopics.Count == 0)
            yield return "no partition of the projected topics known: Kafka has not answered since the start";
        if (progress.MissingTopics.Count > 0)
            yield return $"{string.Join(", ", progress.MissingTopics)} not in the Kafka cluster: nothing of it is projected";
        if (Names(progress.Partitions.Where(p => p.WatermarksExpired)) is { } expired)
            yield return $"{expired}: log ends not confirmed by Kafka lately, lag unknown";
    }

    private static string? Names(IEnumerable<PartitionProgress> partitions) =>
        partitions.Select(p => p.Partition.ToString()).ToArray() is { Length: > 0 } names
            ? (names.Length == 1 ? "partition " : "partitions ") + string.Join(", ", names)
            : null;
}
