using Factline.Envelope;
using Factline.Timelines;

namespace Factline.Tests.Timelines;

/// <summary>Expected stages against observed ones, when a pipeline is configured for the event type.</summary>
public sealed class StageCoverageTests
{
    private static readonly PipelineOptions Pipelines = new()
    {
        EventTypes =
        {
            ["ProductOrderCreateEvent"] = new PipelineSettings
            {
                ExpectedStages = ["ingress.http", "validation", "adapter.inventory", "adapter.payment", "order.completed"],
            },
        },
    };

    private static readonly TimelineBuilder Builder = new(Pipelines);

    [Fact]
    public void A_configured_pipeline_lists_expected_observed_missing_and_unexpected_stages()
    {
        var log = new TransactionLog("PO-2026-000300")
            .Ingress(0)
            .Attempt("validation", 10, 20)
            .Attempt("adapter.fraud-check", 30, 80)
            .Execution("adapter.payment", Outcome.InProgress, 100);

        var timeline = Builder.Build(log.InputAfter(1));

        Assert.True(timeline.Pipeline.IsConfigured);
        Assert.Equal(["ingress.http", "validation", "adapter.inventory", "adapter.payment", "order.completed"], timeline.Coverage.Expected);
        Assert.Equal(["ingress.http", "validation", "adapter.fraud-check", "adapter.payment"], timeline.Coverage.Observed);
        Assert.Equal(["adapter.inventory", "order.completed"], timeline.Coverage.Missing);
        Assert.Equal(["adapter.fraud-check"], timeline.Coverage.Unexpected);
    }

    [Fact]
    public void A_completion_that_skipped_expected_stages_is_completed_and_the_reason_names_them()
    {
        var log = new TransactionLog("PO-2026-000301")
            .Ingress(0)
            .Attempt("validation", 10, 20)
            .Execution("order.completed", Outcome.Success, 40);

        var timeline = Builder.Build(log.InputAfter(1));

        Assert.Equal(TimelineState.Completed, timeline.State);
        Assert.Equal("the terminal stage 'order.completed' reported SUCCESS, although expected stages were never observed: " +
            "adapter.inventory, adapter.payment", timeline.Reason);
    }

    [Fact]
    public void Without_expected_stages_nothing_counts_as_missing_or_unexpected()
    {
        var log = new TransactionLog("SO-2026-000302", eventType: "ServiceOrderCreateEvent")
            .Ingress(0, stage: "ingress.kafka")
            .Attempt("decomposition", 10, 20);

        var timeline = Builder.Build(log.InputAfter(1));

        Assert.False(timeline.Pipeline.IsConfigured);
        Assert.Empty(timeline.Coverage.Expected);
        Assert.Equal(["ingress.kafka", "decomposition"], timeline.Coverage.Observed);
        Assert.Empty(timeline.Coverage.Missing);
        Assert.Empty(timeline.Coverage.Unexpected);
    }

    [Fact]
    public void The_ingress_facts_event_type_picks_the_pipeline_even_when_later_facts_carry_another()
    {
        // The order service's clock is behind: its state-change fact comes first in producer time.
        var log = new TransactionLog("PO-2026-000303").Ingress(50).Execution("order.completed", Outcome.Success, 40);
        var input = log.InputAfter(1);
        input = input with
        {
            Facts = [.. input.Facts.Select(s => s.Fact.RecordType == RecordType.Ingress ? s : s with { Fact = s.Fact with { EventType = "ProductOrderStateChangeEvent" } })],
        };

        var timeline = Builder.Build(input);

        Assert.Equal("ProductOrderCreateEvent", timeline.Pipeline.EventType);
        Assert.True(timeline.Pipeline.IsConfigured);
    }
}
