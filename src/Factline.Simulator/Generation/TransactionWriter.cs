using Factline.Envelope;
using Factline.Simulator.Flows;

namespace Factline.Simulator.Generation;

/// <summary>
/// Writes a planned transaction as facts: the INGRESS fact, then every attempt of every stage as
/// IN_PROGRESS followed by its outcome, with realistic durations, hand-offs and retry back-off,
/// and finally the closing fact the plan calls for.
/// </summary>
internal sealed class TransactionWriter(Random random, FactIdentifiers ids, ProducerClocks clocks, PayloadFactory payloads)
{
    private static readonly FactError NoResponse = new()
    {
        Code = "NO_RESPONSE",
        Message = "connection lost after the request was sent; the downstream outcome is unknown",
    };

    public IReadOnlyList<SimulatedFact> Write(TransactionPlan plan, string correlationId, DateTimeOffset startedAt)
    {
        var flow = plan.Flow;
        var draft = new Draft(flow, correlationId, startedAt, NewSubject(flow));

        Append(draft, flow.Owner, new()
        {
            RecordType = RecordType.Ingress, Stage = flow.IngressStage, Outcome = Outcome.Success,
            MessageId = ids.MessageId(), Payload = payloads.Ingress(flow, draft.Subject),
        });

        foreach (var stagePlan in plan.Stages)
            WriteStage(draft, stagePlan);

        switch (plan.Ending)
        {
            case FlowEnding.Completed:
                WriteCompletion(draft);
                break;
            case FlowEnding.DeadLettered:
                WriteDeadLetter(draft, plan.Stages[^1]);
                break;
            case FlowEnding.Stopped:
                break; // the facts simply end: nothing more is ever observed
        }
        return draft.Facts;
    }

    private void WriteStage(Draft draft, StagePlan plan)
    {
        var stage = plan.Stage;
        draft.ElapsedMs += HandOffMs();
        for (var attempt = 1; attempt <= plan.Attempts.Count; attempt++)
        {
            var outcome = plan.Attempts[attempt - 1];
            Append(draft, stage.Producer, new()
            {
                Stage = stage.Name, Outcome = Outcome.InProgress, Attempt = attempt,
                Payload = payloads.Attempt(draft.Flow, draft.Subject, stage),
            });

            var durationMs = DurationMs(stage, outcome);
            draft.ElapsedMs += durationMs;
            Append(draft, stage.Producer, new()
            {
                Stage = stage.Name, Outcome = outcome.Outcome, Attempt = attempt,
                Error = outcome switch
                {
                    { Outcome: Outcome.Unknown } => NoResponse,
                    { Failure: { } f } => new() { Code = f.Code, Message = f.Message, Retryable = f.Retryable },
                    _ => null,
                },
                Payload = payloads.Attempt(draft.Flow, draft.Subject, stage, durationMs,
                    reference: outcome.Outcome == Outcome.Success && draft.Flow.CallsDownstream(stage) ? ids.CallReference() : null,
                    httpStatus: outcome.Failure?.HttpStatus),
            });

            if (outcome.Outcome == Outcome.Error && attempt < plan.Attempts.Count)
                draft.ElapsedMs += BackoffMs(attempt);
        }
    }

    private void WriteCompletion(Draft draft)
    {
        draft.ElapsedMs += HandOffMs();
        Append(draft, draft.Flow.Owner, new()
        {
            Stage = draft.Flow.TerminalStage, Outcome = Outcome.Success,
            Payload = payloads.Completed(draft.Flow, draft.Subject, draft.ElapsedMs),
        });
    }

    /// <summary>The owning service gives up on the transaction and parks it, saying which stage failed and why.</summary>
    private void WriteDeadLetter(Draft draft, StagePlan failed)
    {
        var cause = failed.Attempts[^1].Failure!;
        draft.ElapsedMs += HandOffMs();
        Append(draft, draft.Flow.Owner, new()
        {
            Stage = FlowTemplate.DeadLetterStage, Outcome = Outcome.Error,
            Error = new()
            {
                Code = "DEAD_LETTER",
                Message = $"gave up on {failed.Stage.Name} after {failed.Attempts.Count} attempt(s): {cause.Code} {cause.Message}",
                Retryable = false,
            },
            Payload = payloads.DeadLettered(draft.Flow, draft.Subject, failed.Stage, failed.Attempts.Count),
        });
    }

    /// <summary>Stamps the draft fact with the transaction's identity, its producer and the producer's clock reading.</summary>
    private void Append(Draft draft, ServiceIdentity producer, FactDraft fact)
    {
        var trueTime = draft.StartedAt.AddMilliseconds(draft.ElapsedMs);
        var timestamp = clocks.Read(producer, trueTime);
        draft.Facts.Add(new SimulatedFact(
            new Fact
            {
                EventId = ids.EventId(timestamp),
                CorrelationId = draft.CorrelationId,
                MessageId = fact.MessageId,
                RecordType = fact.RecordType,
                EventType = draft.Flow.EventType,
                Stage = fact.Stage,
                Outcome = fact.Outcome,
                Attempt = fact.Attempt,
                Timestamp = timestamp,
                Payload = fact.Payload,
                Error = fact.Error,
                Metadata = new() { Producer = producer.Name, Version = producer.Version, Spec = producer.Spec },
            },
            TimeSpan.FromMilliseconds(draft.ElapsedMs)));
    }

    private TransactionSubject NewSubject(FlowTemplate flow)
    {
        var itemCount = random.Next(1, 4);
        var items = Enumerable.Range(0, itemCount).Select(_ => flow.Items[random.Next(flow.Items.Count)]).ToList();
        return new(ids.EntityId(flow.CorrelationPrefix), ids.CustomerRef(), flow.Channels[random.Next(flow.Channels.Count)], items);
    }

    private int DurationMs(StageTemplate stage, AttemptPlan attempt) => attempt switch
    {
        // The caller waited out its timeout (and a little scheduling noise) before giving up.
        { Outcome: Outcome.Unknown } or { Failure.TimedOut: true } => stage.TimeoutMs + random.Next(0, 25),
        // A rejection or a 503 comes back about as fast as the quickest success.
        { Outcome: Outcome.Error } => random.Next(stage.MinDurationMs, 2 * stage.MinDurationMs + 10),
        _ => random.Next(stage.MinDurationMs, stage.MaxDurationMs + 1),
    };

    /// <summary>
    /// The gap between one service finishing and the next one starting: usually a queue or network hop of
    /// 5 to 30 ms, sometimes a direct call of 1 to 4 ms, short enough for clock skew to reorder the two facts.
    /// </summary>
    private int HandOffMs() => random.NextDouble() < 0.1 ? random.Next(1, 5) : random.Next(5, 31);

    /// <summary>Exponential back-off with jitter before retry number <paramref name="failedAttempt"/> + 1.</summary>
    private int BackoffMs(int failedAttempt) => (200 << (failedAttempt - 1)) + random.Next(0, 100);

    /// <summary>The fields that differ from fact to fact within one transaction.</summary>
    private sealed record FactDraft
    {
        public RecordType RecordType { get; init; } = RecordType.Execution;
        public required string Stage { get; init; }
        public required Outcome Outcome { get; init; }
        public int Attempt { get; init; } = 1;
        public string? MessageId { get; init; }
        public RawJson? Payload { get; init; }
        public FactError? Error { get; init; }
    }

    /// <summary>The transaction being written: its identity, subject, true-clock position and facts so far.</summary>
    private sealed class Draft(FlowTemplate flow, string correlationId, DateTimeOffset startedAt, TransactionSubject subject)
    {
        public FlowTemplate Flow { get; } = flow;
        public string CorrelationId { get; } = correlationId;
        public DateTimeOffset StartedAt { get; } = startedAt;
        public TransactionSubject Subject { get; } = subject;
        public int ElapsedMs { get; set; }
        public List<SimulatedFact> Facts { get; } = new(24);
    }
}
