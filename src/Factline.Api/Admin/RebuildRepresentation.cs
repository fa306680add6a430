using System.ComponentModel;
using System.Text.Json.Serialization;
using Factline.Api.OpenApi;
using Factline.Envelope;
using Factline.Projection.Rebuild;

namespace Factline.Api.Admin;

/// <summary>The rebuild resource: one rebuild of the projection and how far it has got.</summary>
[Description("A rebuild of the projection: the log replayed from the earliest retained record into a shadow store, which replaces the live view once it has caught up. Queries keep being answered by the live view throughout.")]
public sealed record RebuildRepresentation(
    [property: Description("The rebuild's id.")] string Id,
    [property: Description("Where this rebuild's progress can be read.")] string Href,
    [property: Description("replaying (the shadow is being built), preparing (the caught-up shadow builds its query indexes), swapping (the live projector is paused while the shadow reaches its positions), completed (the rebuilt view is live) or failed (the live view is unchanged).")] string Phase,
    [property: Description("When the rebuild started."), Rfc3339Text] string StartedAt,
    [property: Description("When the rebuild completed or failed."), Rfc3339Text] string? FinishedAt,
    [property: Description("Log records (facts and quarantined records) applied to the shadow store so far.")] long RecordsApplied,
    [property: Description("Records applied plus those between the shadow's bookmarks and the log end offsets, when last measured; once completed, the records applied (what the log holds beyond the hand-over is the live view's to read: its lag in status).")] long RecordsTotal,
    [property: Description("The shadow's average rate since the rebuild started.")] double RecordsPerSecond,
    [property: Description("Seconds until the shadow reaches the log end at that rate; absent before there is a rate.")] double? EstimatedSecondsLeft,
    [property: Description("Why a failed rebuild gave up.")] string? Failure)
{
    [JsonPropertyName("@type")]
    [Description("Always ProjectionRebuild.")]
    public string Type => "ProjectionRebuild";

    public static RebuildRepresentation From(RebuildProgress progress, string href) => new(
        progress.Id,
        href,
        progress.Phase.ToString().ToLowerInvariant(),
        Rfc3339.Format(progress.StartedAt),
        progress.FinishedAt is { } finished ? Rfc3339.Format(finished) : null,
        progress.RecordsApplied,
        progress.RecordsTotal,
        Math.Round(progress.RecordsPerSecond, 1),
        progress.EstimatedTimeLeft is { } left ? Math.Round(left.TotalSeconds, 1) : null,
        progress.Failure);
}
