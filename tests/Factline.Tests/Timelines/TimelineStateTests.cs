using Factline.Envelope;
using Factline.Storage;
using Factline.Timelines;

namespace Factline.Tests.Timelines;

/// <summary>Every derived state, from realistic fact sequences, and the precedence between the rules.</summary>
public sealed class TimelineStateTests
{
    private static readonly TimelineBuilder Builder = new(new PipelineOptions());
    private static readonly TimeSpan Threshold = PipelineDefaults.StallThreshold;

    /// <summary>Ingress, validation, two adapters and the completion, each stage handing over a few ms later.</summary>
    private static TransactionLog CleanOrder(string correlationId = "PO-2026-000123") =>
        new TransactionLog(correlationId)
            .Ingress(0)
            .Attempt("validation", 12, 20)
            .Attempt("adapter.inventory", 31, 140)
            .Attempt("adapter.payment", 162, 410)
            .Execution("order.completed", Outcome.Success, 428);

    [Fact]
    public void A_terminal_stage_that_succeeded_completes_the_transaction()
    {
        var timeline = Builder.Build(CleanOrder().InputAfter(50));

        Assert.Equal(TimelineState.Completed, timeline.State);
        Assert.Equal("the terminal stage 'order.completed' reported SUCCESS", timeline.Reason);
    }

    [Fact]
    public void Retries_that_end_in_success_complete_the_transaction()
    {
        var log = new TransactionLog("PO-2026-000124")
            .Ingress(0)
            .Attempt("validation", 10, 18)
            .Attempt("adapter.inventory", 30, 3_030, Outcome.Error, attempt: 1, Errors.InventoryTimeout)
            .Attempt("adapter.inventory", 3_290, 6_300, Outcome.Error, attempt: 2, Errors.InventoryTimeout)
            .Attempt("adapter.inventory", 6_750, 6_880, Outcome.Success, attempt: 3)
            .Execution("order.completed", Outcome.Success, 6_900);

        var timeline = Builder.Build(log.InputAfter(Threshold.TotalMilliseconds * 3));

        Assert.Equal(TimelineState.Completed, timeline.State);
        var inventory = timeline.Stages.Single(s => s.Stage == "adapter.inventory");
        Assert.Equal((3, 3, Outcome.Success), (inventory.Attempts, inventory.FinalAttempt, inventory.FinalOutcome));
        Assert.Equal([1, 2], inventory.FailedAttempts.Select(f => f.Attempt));
    }

    [Fact]
    public void A_dead_letter_ending_fails_the_transaction_with_its_error()
    {
        var log = new TransactionLog("PO-2026-000125")
            .Ingress(0)
            .Attempt("validation", 10, 18)
            .Attempt("adapter.payment", 30, 120, Outcome.Error, attempt: 1, Errors.PaymentUnavailable)
            .Attempt("adapter.payment", 330, 420, Outcome.Error, attempt: 2, Errors.PaymentUnavailable)
            .Attempt("adapter.payment", 830, 910, Outcome.Error, attempt: 3, Errors.PaymentUnavailable)
            .Execution("deadletter", Outcome.Error, 925, error: Errors.DeadLetter);

        var timeline = Builder.Build(log.InputAfter(10));

        Assert.Equal(TimelineState.Failed, timeline.State);
        Assert.Equal($"reached the terminal failure stage 'deadletter' (DEAD_LETTER: {Errors.DeadLetter.Message})", timeline.Reason);
    }

    [Fact]
    public void A_dead_letter_fails_the_transaction_whatever_was_unreadable_or_lost_around_it()
    {
        var log = new TransactionLog("PO-2026-000129")
            .Ingress(0)
            .Execution("deadletter", Outcome.Error, 925, error: Errors.DeadLetter)
            .Unreadable(930);
        var input = log.InputAfter(10) with
        {
            HistoryGaps = [new HistoryGap(new PartitionId("tmf.facts", 3), 500, 9_000)],
            UnreadFactCount = 2,
        };

        var timeline = Builder.Build(input);

        Assert.Equal(TimelineState.Failed, timeline.State);
        Assert.Equal($"reached the terminal failure stage 'deadletter' (DEAD_LETTER: {Errors.DeadLetter.Message})", timeline.Reason);
    }

    [Fact]
    public void A_last_attempt_that_failed_for_good_with_nothing_after_it_fails_the_transaction()
    {
        var log = new TransactionLog("PO-2026-000126")
            .Ingress(0)
            .Attempt("validation", 10, 14, Outcome.Error, error: Errors.NotOrderable);

        var timeline = Builder.Build(log.InputAfter(1));

        Assert.Equal(TimelineState.Failed, timeline.State);
        Assert.Equal("attempt 1 of 'validation' failed (VAL-422: productOffering is not orderable for this customer), and nothing came after it",
            timeline.Reason);
    }

    [Fact]
    public void A_retryable_failure_awaits_its_retry_for_the_stall_threshold_and_then_counts_as_the_end()
    {
        var log = new TransactionLog("PO-2026-000127")
            .Ingress(0)
            .Attempt("adapter.payment", 30, 120, Outcome.Error, attempt: 1, Errors.PaymentUnavailable);

        var waiting = Builder.Build(log.InputAfter(200));
        var givenUp = Builder.Build(log.InputAfter(Threshold.TotalMilliseconds + 30_000));

        Assert.Equal(TimelineState.InProgress, waiting.State);
        Assert.Equal("attempt 1 of 'adapter.payment' failed (PAY-503: payment gateway unavailable (HTTP 503)); " +
            "the error is retryable and a retry is awaited (200ms of log time since the last fact, stall threshold 5m)", waiting.Reason);
        Assert.Equal(TimelineState.Failed, givenUp.State);
        Assert.Equal("attempt 1 of 'adapter.payment' failed (PAY-503: payment gateway unavailable (HTTP 503)); " +
            "the error is retryable, but no retry came in 5m 30s of log time (stall threshold 5m)", givenUp.Reason);
    }

    [Fact]
    public void A_transaction_with_only_ingress_facts_is_unobserved_however_old_it_is()
    {
        var log = new TransactionLog("PO-2026-000128").Ingress(0);

        var fresh = Builder.Build(log.InputAfter(5));
        var old = Builder.Build(log.InputAfter(TimeSpan.FromDays(3).TotalMilliseconds));

        Assert.Equal(TimelineState.Unobserved, fresh.State);
        Assert.Equal(TimelineState.Unobserved, old.State);
        Assert.Equal("only INGRESS facts (ingress.http): the stream never shows a fact past ingress", old.Reason);
    }

    [Fact]
    public void A_stall_is_judged_by_the_log_clock_so_a_replay_of_an_old_log_finds_it_and_a_fresh_read_does_not()
    {
        // Facts from 2024, read in 2026 or later: by the wall clock everything is years old. Only the
        // log's own clock (the newest broker time read) says how long the transaction has been quiet.
        var old = new DateTimeOffset(2024, 3, 1, 8, 0, 0, TimeSpan.Zero) - TransactionLog.Start;
        var log = new TransactionLog("PO-2024-000042")
            .Ingress(0)
            .Attempt("validation", 10, 18)
            .Execution("adapter.provisioning", Outcome.InProgress, 40);
        var replayed = log.Facts.Select(s => s with
        {
            Fact = s.Fact with { Timestamp = s.Fact.Timestamp + old },
            Position = s.Position with { BrokerTimestamp = s.Position.BrokerTimestamp + old },
        }).ToList();
        var lastBrokerTime = replayed.Max(s => s.Position.BrokerTimestamp)!.Value;
        TimelineInput ReadUpTo(TimeSpan logTimeLater) =>
            new(log.CorrelationId) { Facts = replayed, LogClock = lastBrokerTime + logTimeLater };

        var whileQuiet = Builder.Build(ReadUpTo(TimeSpan.FromMinutes(2)));
        var stalled = Builder.Build(ReadUpTo(TimeSpan.FromMinutes(12) + TimeSpan.FromSeconds(5)));
        var replayedAgain = Builder.Build(ReadUpTo(TimeSpan.FromMinutes(12) + TimeSpan.FromSeconds(5)));

        Assert.Equal(TimelineState.InProgress, whileQuiet.State);
        Assert.Equal("no terminal outcome yet; the last fact is 'adapter.provisioning' IN_PROGRESS (attempt 1) " +
            "(2m of log time since the last fact, stall threshold 5m)", whileQuiet.Reason);
        Assert.Equal(TimelineState.Stalled, stalled.State);
        Assert.Equal("no terminal outcome, and no new fact for 12m 5s of log time (stall threshold 5m); " +
            "the last fact is 'adapter.provisioning' IN_PROGRESS (attempt 1)", stalled.Reason);
        Assert.Equal((stalled.State, stalled.Reason), (replayedAgain.State, replayedAgain.Reason));
    }

    [Fact]
    public void Exactly_the_stall_threshold_of_quiet_is_not_yet_a_stall()
    {
        var log = new TransactionLog("PO-2026-000129").Ingress(0).Execution("validation", Outcome.InProgress, 10);

        Assert.Equal(TimelineState.InProgress, Builder.Build(log.InputAfter(Threshold.TotalMilliseconds)).State);
        Assert.Equal(TimelineState.Stalled, Builder.Build(log.InputAfter(Threshold.TotalMilliseconds + 1)).State);
    }

    [Fact]
    public void A_quarantined_record_in_the_middle_makes_the_outcome_unknown_and_says_what_the_readable_facts_alone_would_say()
    {
        var log = new TransactionLog("PO-2026-000130")
            .Ingress(0)
            .Attempt("validation", 12, 20)
            .Unreadable(brokerAt: 90)
            .Attempt("adapter.payment", 162, 410)
            .Execution("order.completed", Outcome.Success, 428);

        var timeline = Builder.Build(log.InputAfter(10));

        Assert.Equal(TimelineState.Unknown, timeline.State);
        Assert.Equal("1 record with this key was quarantined (tmf.facts/3@43: INVALID_JSON), so the outcome cannot be derived " +
            "with certainty: the readable facts alone would make it COMPLETED", timeline.Reason);
        var unreadable = Assert.IsType<UnreadableEntry>(timeline.Entries[3]);
        Assert.Equal("unreadable fact at tmf.facts/3@43", unreadable.Description);
    }

    [Fact]
    public void Records_that_are_all_unreadable_leave_nothing_to_go_by()
    {
        var log = new TransactionLog("PO-2026-000131").Unreadable(5).Unreadable(6, QuarantineReason.MissingField, "correlationId: is required");

        var timeline = Builder.Build(log.InputAfter(0));

        Assert.Equal(TimelineState.Unknown, timeline.State);
        Assert.Equal("2 records with this key were quarantined (tmf.facts/3@40: INVALID_JSON, tmf.facts/3@41: MISSING_FIELD), " +
            "so the outcome cannot be derived with certainty: no readable fact is left to go by", timeline.Reason);
    }

    [Fact]
    public void A_history_gap_after_the_transaction_began_in_its_partition_makes_the_outcome_unknown()
    {
        // Ingress at offset 40, then the records up to offset 9,000 of its partition were never read: a burst beyond retention.
        var log = new TransactionLog("PO-2026-000133").Ingress(0);
        var input = log.InputAfter(Threshold.TotalMilliseconds * 3) with
        {
            HistoryGaps = [new HistoryGap(new PartitionId("tmf.facts", 3), 8_500, 9_000)],
        };

        var timeline = Builder.Build(input);

        Assert.Equal(TimelineState.Unknown, timeline.State);
        Assert.Equal("8500 records of tmf.facts/3 were never read (deleted by retention, skipped by a start position or replaced with the topic), the newest just " +
            "before offset 9000, after this transaction's first record there: later facts of it may be among them, so the outcome cannot be " +
            "derived with certainty: the readable facts alone would make it UNOBSERVED", timeline.Reason);
    }

    [Fact]
    public void A_history_gap_that_ends_before_the_transactions_INGRESS_fact_changes_nothing_it_began_after_the_gap()
    {
        // The ingress is at offset 40 of partition 3, the first record read after the gap.
        var input = CleanOrder().InputAfter(50) with { HistoryGaps = [new HistoryGap(new PartitionId("tmf.facts", 3), 40, 40)] };

        var timeline = Builder.Build(input);

        Assert.Equal(TimelineState.Completed, timeline.State);
    }

    [Fact]
    public void A_history_gap_before_a_transaction_whose_first_record_is_not_its_INGRESS_may_hold_its_beginning()
    {
        // A new projection (or a rebuild) over a log whose start retention has moved: the ingress, the failed validation
        // and the dead-letter of this order were among the records deleted; only its completion is left to read.
        var log = new TransactionLog("PO-2026-000134").Execution("order.completed", Outcome.Success, 428);
        var input = log.InputAfter(50) with { HistoryGaps = [new HistoryGap(new PartitionId("tmf.facts", 3), 12_007, 40)] };

        var timeline = Builder.Build(input);

        Assert.Equal(TimelineState.Unknown, timeline.State);
        Assert.Equal("12007 records of tmf.facts/3 were never read (deleted by retention, skipped by a start position or replaced with the topic), the newest just " +
            "before offset 40, and the first record of this transaction read there is not its INGRESS fact: earlier facts of it may be among them, " +
            "so the outcome cannot be derived with certainty: the readable facts alone would make it COMPLETED", timeline.Reason);
    }

    [Fact]
    public void Facts_beyond_the_read_limit_make_the_outcome_unknown()
    {
        var input = CleanOrder().InputAfter(10) with { UnreadFactCount = 3 };

        var timeline = Builder.Build(input);

        Assert.Equal(TimelineState.Unknown, timeline.State);
        Assert.Equal("only 8 of its 11 facts were read, so the outcome cannot be derived with certainty: " +
            "the readable facts alone would make it COMPLETED", timeline.Reason);
    }

    [Fact]
    public void An_unknown_outcome_stays_unknown_however_long_the_log_goes_on()
    {
        var log = new TransactionLog("PO-2026-000132")
            .Ingress(0)
            .Attempt("validation", 10, 18)
            .Attempt("adapter.payment", 30, 5_040, Outcome.Unknown, error: Errors.NoResponse);

        var soon = Builder.Build(log.InputAfter(10));
        var muchLater = Builder.Build(log.InputAfter(TimeSpan.FromHours(2).TotalMilliseconds));

        Assert.Equal(TimelineState.Unknown, soon.State);
        Assert.Equal(TimelineState.Unknown, muchLater.State);
        Assert.Equal($"attempt 1 of 'adapter.payment' ended with outcome UNKNOWN (NO_RESPONSE: {Errors.NoResponse.Message}): " +
            "the facts themselves cannot tell whether it succeeded", muchLater.Reason);
    }

    [Fact]
    public void A_retry_after_an_unknown_outcome_settles_the_stage()
    {
        var log = new TransactionLog("PO-2026-000133")
            .Ingress(0)
            .Attempt("adapter.payment", 30, 5_040, Outcome.Unknown, error: Errors.NoResponse)
            .Attempt("adapter.payment", 5_300, 5_420, Outcome.Success, attempt: 2);

        var timeline = Builder.Build(log.InputAfter(10));

        Assert.Equal(TimelineState.InProgress, timeline.State);
        Assert.Equal(Outcome.Success, timeline.Stages.Single(s => s.Stage == "adapter.payment").FinalOutcome);
    }

    [Fact]
    public void Out_of_order_producer_clocks_do_not_undo_a_completion()
    {
        // The payment adapter's clock runs 80 ms fast: its SUCCESS carries a later producer time than the
        // completion the order service recorded after it, and its own IN_PROGRESS comes after the completion too.
        var log = new TransactionLog("PO-2026-000134")
            .Ingress(0)
            .Attempt("validation", 10, 18)
            .Execution("adapter.payment", Outcome.InProgress, 420, brokerAt: 342)
            .Execution("adapter.payment", Outcome.Success, 480, brokerAt: 401)
            .Execution("order.completed", Outcome.Success, 405, brokerAt: 406);

        var timeline = Builder.Build(log.InputAfter(10));

        Assert.Equal(TimelineState.Completed, timeline.State);
        Assert.Equal(["ingress.http", "validation", "validation", "order.completed", "adapter.payment", "adapter.payment"],
            timeline.Entries.Cast<FactEntry>().Select(e => e.Fact.Stage));
    }

    [Fact]
    public void A_terminal_failure_outweighs_a_terminal_success()
    {
        var log = CleanOrder("PO-2026-000135").Execution("deadletter", Outcome.Error, 500, error: Errors.DeadLetter);

        Assert.Equal(TimelineState.Failed, Builder.Build(log.InputAfter(1)).State);
    }

    [Fact]
    public void A_terminal_stage_that_failed_is_a_failure_not_a_completion()
    {
        var log = new TransactionLog("PO-2026-000136")
            .Ingress(0)
            .Execution("order.completed", Outcome.Error, 30, error: new FactError { Code = "ORD-500", Retryable = false });

        var timeline = Builder.Build(log.InputAfter(1));

        Assert.Equal(TimelineState.Failed, timeline.State);
        Assert.Equal("attempt 1 of 'order.completed' failed (ORD-500), and nothing came after it", timeline.Reason);
    }

    [Fact]
    public void Without_a_log_clock_a_stall_cannot_be_judged_and_the_reason_says_so()
    {
        var timeline = Builder.Build(new TransactionLog("PO-2026-000137").Ingress(0).Execution("validation", Outcome.InProgress, 10).Input(logClock: null));

        Assert.Equal(TimelineState.InProgress, timeline.State);
        Assert.Null(timeline.Idle);
        Assert.EndsWith("(a stall cannot be judged: no log clock has been read yet)", timeline.Reason);
    }

    [Fact]
    public void Facts_without_broker_times_cannot_be_judged_stalled()
    {
        var log = new TransactionLog("PO-2026-000138").Ingress(0).Execution("validation", Outcome.InProgress, 10);
        var input = log.InputAfter(TimeSpan.FromHours(1).TotalMilliseconds);
        input = input with { Facts = [.. input.Facts.Select(s => s with { Position = s.Position with { BrokerTimestamp = null } })] };

        var timeline = Builder.Build(input);

        Assert.Equal(TimelineState.InProgress, timeline.State);
        Assert.EndsWith("(a stall cannot be judged: the facts carry no broker time)", timeline.Reason);
    }

    [Fact]
    public void A_log_clock_behind_the_transaction_counts_as_no_time_passed()
    {
        var log = new TransactionLog("PO-2026-000139").Ingress(0).Execution("validation", Outcome.InProgress, 10);

        var timeline = Builder.Build(log.Input(TransactionLog.At(-60_000)));

        Assert.Equal(TimelineState.InProgress, timeline.State);
        Assert.Equal(TimeSpan.Zero, timeline.Idle);
    }

    [Fact]
    public void Nothing_read_at_all_is_unobserved()
    {
        var timeline = Builder.Build(new TimelineInput("PO-2026-000140") { LogClock = TransactionLog.Start });

        Assert.Equal(TimelineState.Unobserved, timeline.State);
        Assert.Equal("no fact of this transaction has been read", timeline.Reason);
        Assert.Empty(timeline.Entries);
    }
}
