using System.ComponentModel;
using System.Text.Json.Serialization;
using Factline.Api.Events;
using Factline.Api.OpenApi;
using Factline.Envelope;

namespace Factline.Api.Timelines;

/// <summary>
/// A transaction's timeline as a TMF-style resource. Representation classes are named "Tmf" + their
/// OpenAPI schema name (see <see cref="TimelineServices"/>); absent values are omitted.
/// </summary>
[Description("One transaction as the log shows it: every fact in order with both clocks, what each stage did, the state they add up to and why, and the evidence of how far the log has been read.")]
internal sealed class TmfTimeline
{
    [Description("The transaction's correlationId.")]
    public required string Id { get; init; }

    [Description("Where this timeline can be read again, under the base path the request used.")]
    public required string Href { get; init; }

    [Description("The transaction's correlationId.")]
    public required string CorrelationId { get; init; }

    [Description("The event type that picked the pipeline: the INGRESS fact's, else the first fact's that names one.")]
    public string? EventType { get; init; }

    [Description("COMPLETED, FAILED, IN_PROGRESS, STALLED, UNOBSERVED or UNKNOWN.")]
    public required string State { get; init; }

    [Description("Why the facts add up to the state, in words.")]
    public required string Reason { get; init; }

    [Description("The pipeline the transaction was judged against.")]
    public required TmfPipeline Pipeline { get; init; }

    [Description("The stages the pipeline expects, in order; absent when it expects none in particular.")]
    public IReadOnlyList<string>? ExpectedStages { get; init; }

    [Description("Every stage with a fact, in the order of its first fact.")]
    public required IReadOnlyList<string> ObservedStages { get; init; }

    [Description("Expected stages without any fact; absent when the pipeline expects none in particular.")]
    public IReadOnlyList<string>? MissingStages { get; init; }

    [Description("Observed stages the pipeline does not expect; absent when it expects none in particular.")]
    public IReadOnlyList<string>? UnexpectedStages { get; init; }

    [Description("One summary per stage, in the order of its first fact.")]
    public required IReadOnlyList<TmfStageSummary> Stages { get; init; }

    [Description("Facts ordered by producer time, then log position; unreadable records sit where the log holds them.")]
    public required IReadOnlyList<TmfTimelineEntry> Facts { get; init; }

    [Description("How far the log has been read where the transaction lives.")]
    public required TmfTimelineEvidence Evidence { get; init; }

    [JsonPropertyName("@type")]
    [Description("Always Timeline.")]
    public string Type => "Timeline";
}

[Description("The pipeline a transaction is judged against: configured for its event type, or the defaults.")]
internal sealed record TmfPipeline(
    [property: Description("The event type the pipeline was picked for.")] string? EventType,
    [property: Description("Whether the event type has a pipeline of its own in the configuration.")] bool Configured,
    [property: Description("Stages whose SUCCESS completes the transaction.")] IReadOnlyList<string> TerminalSuccessStages,
    [property: Description("Stages that fail the transaction, such as a dead-letter stage.")] IReadOnlyList<string> TerminalFailureStages,
    [property: Description("Log time without a new fact after which an unfinished transaction is STALLED, in milliseconds.")] double StallThresholdMs);

[Description("What one stage did.")]
internal sealed record TmfStageSummary(
    string Stage,
    [property: Description("How many different attempt numbers the stage reported.")] int Attempts,
    [property: Description("The highest attempt number reported.")] int FinalAttempt,
    [property: Description("How the final attempt ended: SUCCESS, ERROR or UNKNOWN, or IN_PROGRESS while it has not.")] string FinalOutcome,
    [property: Description("The stage's first fact, producer clock."), Rfc3339Text] string FirstTime,
    [property: Description("The stage's last fact, producer clock."), Rfc3339Text] string LastTime,
    [property: Description("From the first to the last fact, producer clock, in milliseconds.")] double DurationMs,
    [property: Description("Every attempt that ended in ERROR, with its error.")] IReadOnlyList<TmfFailedAttempt> FailedAttempts);

[Description("An attempt that ended in ERROR.")]
internal sealed record TmfFailedAttempt(
    int Attempt,
    [property: Description("The eventId of the ERROR fact.")] string EventId,
    [property: Description("The ERROR fact's producer time."), Rfc3339Text] string EventTime,
    FactError? Error);

[Description("A fact of the transaction (@type Fact) or a record with its key that could not be read as one (@type UnreadableRecord).")]
internal sealed class TmfTimelineEntry
{
    [JsonPropertyName("@type")]
    [Description("Fact or UnreadableRecord.")]
    public required string Type { get; init; }

    [Description("The fact's eventId.")]
    public string? EventId { get; init; }

    [Description("Where the full fact can be read as a TMF688 Event; for an unreadable record, its quarantine entry.")]
    public string? Href { get; init; }

    [Description("The producer's clock, with the offset it was written with.")]
    [Rfc3339Text]
    public string? EventTime { get; init; }

    [Description("INGRESS or EXECUTION.")]
    public string? RecordType { get; init; }

    public string? Stage { get; init; }

    [Description("SUCCESS, ERROR, IN_PROGRESS or UNKNOWN.")]
    public string? Outcome { get; init; }

    public int? Attempt { get; init; }

    public FactError? Error { get; init; }

    [Description("For an unreadable record: 'unreadable fact at topic/partition@offset'.")]
    public string? Description { get; init; }

    [Description("For an unreadable record: why it was quarantined, e.g. INVALID_JSON or MISSING_FIELD.")]
    public string? QuarantineReason { get; init; }

    [Description("For an unreadable record: what exactly is wrong with it.")]
    public string? Detail { get; init; }

    [Description("The Kafka record, with the broker's clock beside the producer's.")]
    public required LogEvidence Log { get; init; }
}
