using Factline.Envelope;
using Factline.Simulator;
using Factline.Simulator.Traffic;

namespace Factline.Tests.Simulator;

public sealed class PacedScheduleTests
{
    [Fact]
    public void Transactions_start_at_the_rate_and_each_fact_is_sent_when_it_happens()
    {
        var options = new TrafficOptions { RatePerSecond = 10, Unit = RateUnit.Transactions, MaxTransactions = 8 };
        var expected = Simulation.Generate(Simulation.Options(seed: 31), 8);

        var sent = RunToEnd(new PacedSchedule(new FlowGenerator(Simulation.Options(seed: 31)), options));

        var due = expected
            .SelectMany((t, i) => t.Facts.Select(f => (f.Fact.EventId, Due: TimeSpan.FromSeconds(i / 10.0) + f.SinceStart)))
            .ToDictionary(x => x.EventId, x => x.Due);
        Assert.Equal(due.Count, sent.Count);
        Assert.All(sent, s => Assert.Equal(due[s.Fact.EventId], s.At));
    }

    [Fact]
    public void A_facts_rate_spaces_transactions_by_their_length()
    {
        var options = new TrafficOptions { RatePerSecond = 100, Unit = RateUnit.Facts, MaxTransactions = 6 };
        var expected = Simulation.Generate(Simulation.Options(seed: 32), 6);

        var sent = RunToEnd(new PacedSchedule(new FlowGenerator(Simulation.Options(seed: 32)), options));

        var start = TimeSpan.Zero;
        foreach (var transaction in expected)
        {
            var ingress = transaction.Facts[0].Fact.EventId;
            Assert.Equal(start, sent.Single(s => s.Fact.EventId == ingress).At);
            start += TimeSpan.FromSeconds(transaction.Facts.Count / 100.0);
        }
    }

    [Fact]
    public void Overlapping_transactions_interleave_but_each_keeps_its_own_order()
    {
        var options = new TrafficOptions { RatePerSecond = 20, MaxTransactions = 30 };

        var sent = RunToEnd(new PacedSchedule(new FlowGenerator(Simulation.Options(seed: 33)), options));

        var expected = Simulation.Generate(Simulation.Options(seed: 33), 30);
        foreach (var transaction in expected)
            Assert.Equal(
                transaction.Facts.Select(f => f.Fact).Encoded(),
                sent.Select(s => s.Fact).Where(f => f.CorrelationId == transaction.CorrelationId).Encoded());
        // Sent one transaction after another, there would be exactly one run of facts per transaction.
        var runs = 1 + sent.Zip(sent.Skip(1)).Count(p => p.First.Fact.CorrelationId != p.Second.Fact.CorrelationId);
        Assert.True(runs > expected.Count, $"{runs} runs of facts for {expected.Count} transactions: nothing interleaved");
    }

    [Fact]
    public void Nothing_is_taken_before_it_is_due()
    {
        var schedule = new PacedSchedule(new FlowGenerator(Simulation.Options(seed: 34)), new TrafficOptions { RatePerSecond = 1 });

        Assert.True(schedule.TryTakeDue(TimeSpan.Zero, out var ingress));
        Assert.Equal(RecordType.Ingress, ingress.Fact.RecordType);
        var next = schedule.NextDue!.Value;
        Assert.True(next > TimeSpan.Zero);
        Assert.False(schedule.TryTakeDue(next - TimeSpan.FromTicks(1), out _));
        Assert.True(schedule.TryTakeDue(next, out _));
    }

    [Fact]
    public void Only_the_last_fact_of_a_transaction_closes_it()
    {
        var sent = RunToEnd(new PacedSchedule(new FlowGenerator(Simulation.Options(seed: 35)), new TrafficOptions { MaxTransactions = 12 }));

        var closing = sent.Where(s => s.Closes).Select(s => s.Fact.EventId);
        var lastFacts = sent.GroupBy(s => s.Fact.CorrelationId).Select(g => g.Last().Fact.EventId);
        Assert.Equal(lastFacts.Order(), closing.Order());
    }

    /// <summary>Jumps from one due time to the next until the schedule has nothing left.</summary>
    private static List<(TimeSpan At, Fact Fact, bool Closes)> RunToEnd(PacedSchedule schedule)
    {
        var sent = new List<(TimeSpan, Fact, bool)>();
        while (schedule.NextDue is { } due)
        {
            while (schedule.TryTakeDue(due, out var pending))
                sent.Add((due, pending.Fact, pending.ClosesTransaction));
        }
        return sent;
    }
}
