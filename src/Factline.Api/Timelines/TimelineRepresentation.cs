using Factline.Api.Events;
using Factline.Api.Quarantine;
using Factline.Envelope;
using Factline.Storage;
using Factline.Timelines;

namespace Factline.Api.Timelines;

/// <summary>Builds the <see cref="TmfTimeline"/> for a timeline and its evidence.</summary>
internal static class TimelineRepresentation
{
    public const string FactType = "Fact";
    public const string UnreadableType = "UnreadableRecord";

    public static TmfTimeline From(Timeline timeline, TimelineEvidence evidence, HttpRequest request, TmfBasePath basePath)
    {
        var coverage = timeline.Coverage;
        var expects = timeline.Pipeline.HasExpectedStages;
        return new TmfTimeline
        {
            Id = timeline.CorrelationId,
            Href = basePath.Href(request, $"/timeline/{Uri.EscapeDataString(timeline.CorrelationId)}"),
            CorrelationId = timeline.CorrelationId,
            EventType = timeline.Pipeline.EventType,
            State = timeline.State.WireName(),
            Reason = timeline.Reason,
            Pipeline = new TmfPipeline(
                timeline.Pipeline.EventType,
                timeline.Pipeline.IsConfigured,
                timeline.Pipeline.TerminalSuccessStages,
                timeline.Pipeline.TerminalFailureStages,
                timeline.Pipeline.StallThreshold.TotalMilliseconds),
            ExpectedStages = expects ? coverage.Expected : null,
            ObservedStages = coverage.Observed,
            MissingStages = expects ? coverage.Missing : null,
            UnexpectedStages = expects ? coverage.Unexpected : null,
            Stages = [.. timeline.Stages.Select(Stage)],
            Facts = [.. timeline.Entries.Select(entry => Entry(entry, request, basePath))],
            Evidence = Evidence(timeline, evidence, request, basePath),
        };
    }

    private static TmfStageSummary Stage(StageSummary stage) => new(
        stage.Stage,
        stage.Attempts,
        stage.FinalAttempt,
        WireNames.Of(stage.FinalOutcome),
        Rfc3339.Format(stage.FirstTime),
        Rfc3339.Format(stage.LastTime),
        stage.Duration.TotalMilliseconds,
        [.. stage.FailedAttempts.Select(f => new TmfFailedAttempt(f.Attempt, f.EventId, Rfc3339.Format(f.Time), f.Error))]);

    private static TmfTimelineEntry Entry(TimelineEntry entry, HttpRequest request, TmfBasePath basePath) => entry switch
    {
        FactEntry { Fact: var fact } => new TmfTimelineEntry
        {
            Type = FactType,
            EventId = fact.EventId,
            Href = basePath.Href(request, $"/event/{Uri.EscapeDataString(fact.EventId)}"),
            EventTime = Rfc3339.Format(fact.Timestamp),
            RecordType = WireNames.Of(fact.RecordType),
            Stage = fact.Stage,
            Outcome = WireNames.Of(fact.Outcome),
            Attempt = fact.Attempt,
            Error = fact.Error,
            Log = LogEvidence.Of(entry.Position),
        },
        UnreadableEntry unreadable => new TmfTimelineEntry
        {
            Type = UnreadableType,
            Href = QuarantinedRecord.HrefOf(entry.Position, request, basePath),
            Description = unreadable.Description,
            QuarantineReason = QuarantineReasonNames.Of(unreadable.Record.Reason),
            Detail = unreadable.Record.Detail,
            Log = LogEvidence.Of(entry.Position),
        },
        _ => throw new ArgumentOutOfRangeException(nameof(entry), entry, "not a timeline entry"),
    };

    private static TmfTimelineEvidence Evidence(Timeline timeline, TimelineEvidence evidence, HttpRequest request, TmfBasePath basePath) => new()
    {
        Partitions = [.. evidence.Partitions.Select(p => Partition(p, evidence))],
        Lag = evidence.Lag,
        CaughtUp = evidence.CaughtUp,
        HistoryGap = evidence.HasHistoryGap,
        ObservedThrough = Time(evidence.Progress.ObservedThrough),
        LogClock = Time(timeline.LogClock),
        LastFactBrokerTime = Time(timeline.LastActivity),
        IdleMs = timeline.Idle?.TotalMilliseconds,
        OmittedFacts = evidence.OmittedFacts,
        Quarantined = [.. evidence.Quarantined.Select(entry => QuarantinedRecord.From(entry, request, basePath))],
        QuarantinedTotal = evidence.QuarantinedTotal,
    };

    private static TmfPartitionEvidence Partition(PartitionId id, TimelineEvidence evidence)
    {
        var progress = evidence.Progress.For(id);
        return new TmfPartitionEvidence
        {
            Topic = id.Topic,
            Partition = id.Partition,
            NextOffset = progress?.NextOffset,
            LogStartOffset = progress?.LogStartOffset,
            LogStartTime = Time(progress?.LogStartTime),
            LogEndOffset = progress?.LogEndOffset,
            Lag = progress?.Lag,
            ObservedThrough = Time(progress?.ObservedThrough),
            LostRecords = progress?.LostRecords,
            HistoryGap = progress?.HasHistoryGap == true,
        };
    }

    private static string? Time(DateTimeOffset? time) => time is { } value ? Rfc3339.Format(value) : null;
}
