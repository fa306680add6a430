using Factline.Envelope;
using Factline.Timelines;

namespace Factline.Tests.Timelines;

/// <summary>What each stage's summary says: attempts, producer-clock times, final outcome and the errors of failed attempts.</summary>
public sealed class StageSummaryTests
{
    private static readonly TimelineBuilder Builder = new(new PipelineOptions());

    [Fact]
    public void A_retried_stage_counts_its_attempts_spans_first_to_last_fact_and_keeps_each_error()
    {
        var log = new TransactionLog("PO-2026-000200")
            .Ingress(0)
            .Attempt("adapter.inventory", 30, 3_030, Outcome.Error, attempt: 1, Errors.InventoryTimeout)
            .Attempt("adapter.inventory", 3_290, 3_400, Outcome.Error, attempt: 2, Errors.PaymentUnavailable)
            .Attempt("adapter.inventory", 3_850, 3_990, Outcome.Success, attempt: 3);

        var inventory = Builder.Build(log.InputAfter(1)).Stages.Single(s => s.Stage == "adapter.inventory");

        Assert.Equal(3, inventory.Attempts);
        Assert.Equal(3, inventory.FinalAttempt);
        Assert.Equal(Outcome.Success, inventory.FinalOutcome);
        Assert.Equal(TransactionLog.At(30), inventory.FirstTime);
        Assert.Equal(TransactionLog.At(3_990), inventory.LastTime);
        Assert.Equal(TimeSpan.FromMilliseconds(3_960), inventory.Duration);
        Assert.Null(inventory.FinalFailure);
        Assert.Equal(
            [(1, TransactionLog.At(3_030), "INV-504"), (2, TransactionLog.At(3_400), "PAY-503")],
            inventory.FailedAttempts.Select(f => (f.Attempt, f.Time, f.Error!.Code)));
        Assert.Equal(["PO-2026-000200-03", "PO-2026-000200-05"], inventory.FailedAttempts.Select(f => f.EventId));
    }

    [Fact]
    public void Stages_are_listed_in_the_order_of_their_first_fact()
    {
        var log = new TransactionLog("PO-2026-000201")
            .Ingress(0)
            .Attempt("validation", 10, 20)
            .Attempt("adapter.catalog", 40, 95)
            .Execution("order.completed", Outcome.Success, 120);

        var stages = Builder.Build(log.InputAfter(1)).Stages;

        Assert.Equal(["ingress.http", "validation", "adapter.catalog", "order.completed"], stages.Select(s => s.Stage));
        Assert.Equal([1, 1, 1, 1], stages.Select(s => s.Attempts));
        Assert.Equal(TimeSpan.Zero, stages[0].Duration);
    }

    [Fact]
    public void An_attempt_ends_with_its_outcome_even_when_a_skewed_clock_puts_its_start_after_its_end()
    {
        var log = new TransactionLog("PO-2026-000202")
            .Ingress(0)
            .Execution("adapter.billing", Outcome.Success, 50, brokerAt: 60)
            .Execution("adapter.billing", Outcome.InProgress, 55, brokerAt: 61);

        var billing = Builder.Build(log.InputAfter(1)).Stages.Single(s => s.Stage == "adapter.billing");

        Assert.Equal(Outcome.Success, billing.FinalOutcome);
        Assert.Equal(1, billing.Attempts);
    }

    [Fact]
    public void The_final_outcome_is_the_highest_attempts_even_if_an_earlier_attempt_reported_later()
    {
        var log = new TransactionLog("PO-2026-000203")
            .Ingress(0)
            .Execution("adapter.payment", Outcome.Error, 500, attempt: 1, error: Errors.PaymentUnavailable)
            .Execution("adapter.payment", Outcome.InProgress, 480, attempt: 2);

        var payment = Builder.Build(log.InputAfter(1)).Stages.Single(s => s.Stage == "adapter.payment");

        Assert.Equal((2, 2, Outcome.InProgress), (payment.Attempts, payment.FinalAttempt, payment.FinalOutcome));
        Assert.Null(payment.FinalFailure);
    }

    [Fact]
    public void A_failed_final_attempt_is_the_stages_final_failure()
    {
        var log = new TransactionLog("PO-2026-000204")
            .Ingress(0)
            .Attempt("adapter.payment", 30, 120, Outcome.Error, attempt: 1, Errors.PaymentUnavailable)
            .Attempt("adapter.payment", 330, 420, Outcome.Error, attempt: 2, Errors.PaymentUnavailable);

        var payment = Builder.Build(log.InputAfter(1)).Stages.Single(s => s.Stage == "adapter.payment");

        Assert.Equal(Outcome.Error, payment.FinalOutcome);
        Assert.Equal(2, payment.FinalFailure!.Attempt);
        Assert.Equal(TransactionLog.At(420), payment.FinalFailure.Time);
    }
}
