using Factline.Envelope;
using Factline.Simulator;
using Factline.Simulator.Flows;

namespace Factline.Tests.Simulator;

/// <summary>What every simulated transaction must look like, whatever its shape.</summary>
internal static class FlowRules
{
    public static void AssertCoherent(SimulatedTransaction transaction)
    {
        var flow = transaction.Flow;
        var facts = transaction.Facts.Select(f => f.Fact).ToList();

        AssertIngressFirst(flow, facts);
        Assert.All(facts, f => Assert.Equal(transaction.CorrelationId, f.CorrelationId));
        Assert.All(facts, f => Assert.Equal(flow.EventType, f.EventType));
        Assert.All(facts, f => Assert.False(string.IsNullOrEmpty(f.Metadata?.Producer)));
        Assert.Equal(TimeSpan.Zero, transaction.Facts[0].SinceStart);
        Assert.True(transaction.Facts.Zip(transaction.Facts.Skip(1)).All(p => p.First.SinceStart <= p.Second.SinceStart),
            "facts must be listed in the order they happen");

        AssertAttemptsPairUp(flow, facts);
        AssertEnding(transaction, facts);
    }

    private static void AssertIngressFirst(FlowTemplate flow, List<Fact> facts)
    {
        Assert.NotEmpty(facts);
        Assert.Equal(RecordType.Ingress, facts[0].RecordType);
        Assert.Equal(flow.IngressStage, facts[0].Stage);
        Assert.Equal(Outcome.Success, facts[0].Outcome);
        Assert.False(string.IsNullOrWhiteSpace(facts[0].MessageId));
        Assert.All(facts.Skip(1), f => Assert.Equal(RecordType.Execution, f.RecordType));
    }

    /// <summary>
    /// Stages run in the flow's order; each attempt is IN_PROGRESS immediately followed by its outcome;
    /// a retry (attempt + 1 of the same stage) only follows an ERROR, and a new stage only follows SUCCESS.
    /// </summary>
    private static void AssertAttemptsPairUp(FlowTemplate flow, List<Fact> facts)
    {
        var stageNames = flow.Stages.Select(s => s.Name).ToList();
        var stageIndex = -1;
        Fact? previousOutcome = null;
        for (var i = 1; i < facts.Count && !IsClosing(flow, facts[i]); i += 2)
        {
            var started = facts[i];
            Assert.Equal(Outcome.InProgress, started.Outcome);
            Assert.True(i + 1 < facts.Count, $"attempt {started.Attempt} of {started.Stage} has no outcome");
            var ended = facts[i + 1];
            Assert.Equal((started.Stage, started.Attempt), (ended.Stage, ended.Attempt));
            Assert.NotEqual(Outcome.InProgress, ended.Outcome);

            if (previousOutcome?.Stage == started.Stage)
            {
                Assert.Equal(Outcome.Error, previousOutcome.Outcome);
                Assert.Equal(previousOutcome.Attempt + 1, started.Attempt);
            }
            else
            {
                Assert.True(previousOutcome is null || previousOutcome.Outcome == Outcome.Success);
                Assert.Equal(1, started.Attempt);
                Assert.Equal(stageNames[++stageIndex], started.Stage);
            }
            Assert.InRange(started.Attempt, 1, 3);
            Assert.Equal(ended.Outcome is Outcome.Error or Outcome.Unknown, ended.Error is not null);
            previousOutcome = ended;
        }
    }

    private static void AssertEnding(SimulatedTransaction transaction, List<Fact> facts)
    {
        var flow = transaction.Flow;
        var last = facts[^1];
        var executions = facts.Skip(1).ToList();
        Assert.All(facts.SkipLast(1), f => Assert.False(IsClosing(flow, f), "a closing fact must be the last one"));
        Assert.All(facts.SkipLast(1), f => Assert.NotEqual(Outcome.Unknown, f.Outcome));

        switch (transaction.Shape)
        {
            case TransactionShape.IngressOnly:
                Assert.Single(facts);
                break;
            case TransactionShape.Success:
                Assert.Equal((flow.TerminalStage, Outcome.Success), (last.Stage, last.Outcome));
                Assert.Equal(2 * flow.Stages.Count + 2, facts.Count);
                Assert.All(executions, f => Assert.Equal(1, f.Attempt));
                break;
            case TransactionShape.RetriedSuccess:
                Assert.Equal((flow.TerminalStage, Outcome.Success), (last.Stage, last.Outcome));
                Assert.Contains(executions, f => f.Attempt > 1);
                Assert.All(executions.Where(f => f.Outcome == Outcome.Error), f => Assert.True(f.Error!.Retryable));
                break;
            case TransactionShape.DeadLetter:
                Assert.Equal((FlowTemplate.DeadLetterStage, Outcome.Error), (last.Stage, last.Outcome));
                Assert.NotNull(last.Error);
                Assert.Equal(Outcome.Error, facts[^2].Outcome);
                break;
            case TransactionShape.Unknown:
                Assert.Equal(Outcome.Unknown, last.Outcome);
                Assert.Equal(RecordType.Execution, last.RecordType);
                break;
            default:
                Assert.Fail($"unexpected shape {transaction.Shape}");
                break;
        }
    }

    private static bool IsClosing(FlowTemplate flow, Fact fact) =>
        fact.Stage == flow.TerminalStage || fact.Stage == FlowTemplate.DeadLetterStage;
}
