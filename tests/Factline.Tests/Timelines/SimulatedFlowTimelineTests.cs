using Factline.Simulator;
using Factline.Simulator.Flows;
using Factline.Storage;
using Factline.Timelines;

namespace Factline.Tests.Timelines;

/// <summary>
/// Timelines of the simulator's TM Forum flows, with service clocks skewed by up to 40 ms so that facts
/// of neighbouring stages trade places: every transaction shape must come out as the state it stands for.
/// </summary>
public sealed class SimulatedFlowTimelineTests
{
    private const int TransactionsPerShape = 40;
    private static readonly TimelineBuilder Builder = new(new PipelineOptions());

    public static TheoryData<TransactionShape, TimelineState> Shapes => new()
    {
        { TransactionShape.Success, TimelineState.Completed },
        { TransactionShape.RetriedSuccess, TimelineState.Completed },
        { TransactionShape.DeadLetter, TimelineState.Failed },
        { TransactionShape.IngressOnly, TimelineState.Unobserved },
        { TransactionShape.Unknown, TimelineState.Unknown },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Every_transaction_shape_gives_its_state_at_once_and_an_hour_of_log_time_later(TransactionShape shape, TimelineState expected)
    {
        foreach (var transaction in Generate(shape))
        {
            var facts = InLog(transaction);
            var last = facts.Max(s => s.Position.BrokerTimestamp)!.Value;

            foreach (var logClock in new[] { last, last.AddHours(1) })
            {
                var timeline = Builder.Build(new TimelineInput(transaction.CorrelationId) { Facts = facts, LogClock = logClock });
                Assert.True(timeline.State == expected, $"{transaction.CorrelationId} ({shape}, {transaction.Flow.Name}): {timeline.State.WireName()}, {timeline.Reason}");
            }
        }
    }

    [Fact]
    public void A_successful_flow_cut_short_is_in_progress_until_the_stall_threshold_of_log_time_passes()
    {
        foreach (var transaction in Generate(TransactionShape.Success))
        {
            // The log holds every fact up to the middle of the flow, and nothing of it after that.
            var facts = InLog(transaction).Take(transaction.Facts.Count / 2).ToList();
            var last = facts.Max(s => s.Position.BrokerTimestamp)!.Value;
            TimelineState StateAt(DateTimeOffset logClock) =>
                Builder.Build(new TimelineInput(transaction.CorrelationId) { Facts = facts, LogClock = logClock }).State;

            Assert.Equal(TimelineState.InProgress, StateAt(last.AddSeconds(30)));
            Assert.Equal(TimelineState.Stalled, StateAt(last.AddMinutes(6)));
        }
    }

    private static List<SimulatedTransaction> Generate(TransactionShape shape)
    {
        var options = new SimulatorOptions { Seed = 5_688 + (int)shape, MaxClockSkewMs = 40, Mix = Shape(shape) };
        return [.. new FlowGenerator(options).Transactions().Take(TransactionsPerShape)];
    }

    private static FlowMix Shape(TransactionShape shape) => shape switch
    {
        TransactionShape.Success => new() { Success = 1 },
        TransactionShape.RetriedSuccess => new() { RetriedSuccess = 1 },
        TransactionShape.DeadLetter => new() { DeadLetter = 1 },
        TransactionShape.IngressOnly => new() { IngressOnly = 1 },
        _ => new() { Unknown = 1 },
    };

    /// <summary>The facts as one partition holds them: appended in emission order, stamped by the broker on arrival.</summary>
    private static List<StoredFact> InLog(SimulatedTransaction transaction) =>
        [.. transaction.Facts.Select((f, i) => new StoredFact(f.Fact,
            new LogPosition("tmf.facts", 2, 1_000 + i, transaction.StartedAt + f.SinceStart + TimeSpan.FromMilliseconds(3))))];
}
