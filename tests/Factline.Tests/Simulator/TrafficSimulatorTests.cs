using Factline.Simulator;
using Factline.Simulator.Flows;
using Factline.Simulator.Traffic;

namespace Factline.Tests.Simulator;

public sealed class TrafficSimulatorTests
{
    [Fact]
    public async Task Bulk_sends_whole_transactions_in_order_up_to_the_limit_then_flushes()
    {
        var sink = new RecordingSink();
        var simulator = new TrafficSimulator(new FlowGenerator(Simulation.Options(seed: 41)), sink,
            new TrafficOptions { RatePerSecond = 0, MaxTransactions = 40 });

        await simulator.RunAsync();

        var expected = Simulation.Generate(Simulation.Options(seed: 41), 40).Facts().Encoded();
        Assert.Equal(expected, sink.Facts.Encoded());
        Assert.Equal(expected.Count, simulator.FactsProduced);
        Assert.Equal(40, simulator.TransactionsProduced);
        Assert.Equal(1, sink.FlushCount);
    }

    [Fact]
    public async Task A_fact_limit_stops_exactly_there_and_counts_only_complete_transactions()
    {
        var sink = new RecordingSink();
        var simulator = new TrafficSimulator(new FlowGenerator(Simulation.Options(seed: 42)), sink,
            new TrafficOptions { RatePerSecond = 0, MaxFacts = 37 });

        await simulator.RunAsync();

        var expected = Simulation.Generate(Simulation.Options(seed: 42), 40);
        Assert.Equal(expected.Facts().Take(37).Encoded(), sink.Facts.Encoded());
        Assert.Equal(37, simulator.FactsProduced);
        var factsSoFar = 0;
        var complete = expected.TakeWhile(t => (factsSoFar += t.Facts.Count) <= 37).Count();
        Assert.Equal(complete, simulator.TransactionsProduced);
        Assert.Equal(1, sink.FlushCount);
    }

    [Fact]
    public async Task Paced_traffic_sends_every_fact_of_every_started_transaction_then_flushes()
    {
        // Short flows keep the real-time run brief: ingress-only and clean alarm/order runs finish within seconds.
        var options = Simulation.Options(seed: 43, mix: new FlowMix { IngressOnly = 1, Success = 1 });
        var sink = new RecordingSink();
        var simulator = new TrafficSimulator(new FlowGenerator(options), sink, new TrafficOptions { RatePerSecond = 200, MaxTransactions = 25 });

        await simulator.RunAsync();

        var expected = Simulation.Generate(options, 25);
        Assert.Equal(expected.Facts().Encoded().Order(), sink.Facts.Encoded().Order());
        foreach (var transaction in expected)
            Assert.Equal(transaction.Facts.Select(f => f.Fact).Encoded(), sink.Facts.Where(f => f.CorrelationId == transaction.CorrelationId).Encoded());
        Assert.Equal(25, simulator.TransactionsProduced);
        Assert.Equal(1, sink.FlushCount);
    }

    [Fact]
    public async Task Cancelling_stops_the_run_quietly_without_waiting_for_the_sink()
    {
        using var cancellation = new CancellationTokenSource();
        var sink = new RecordingSink(afterProduce: s =>
        {
            if (s.Facts.Count == 10)
                cancellation.Cancel();
        });
        var simulator = new TrafficSimulator(new FlowGenerator(Simulation.Options(seed: 44)), sink, new TrafficOptions { RatePerSecond = 500 });

        await simulator.RunAsync(cancellation.Token);

        Assert.Equal(10, simulator.FactsProduced);
        Assert.Equal(10, sink.Facts.Count);
        Assert.Equal(0, sink.FlushCount);
    }

    [Theory]
    [InlineData(-1.0, null, null)]
    [InlineData(double.PositiveInfinity, null, null)]
    [InlineData(10.0, -1L, null)]
    [InlineData(10.0, null, -5L)]
    public void Options_that_cannot_work_are_refused_at_construction(double rate, long? maxTransactions, long? maxFacts)
    {
        var options = new TrafficOptions { RatePerSecond = rate, MaxTransactions = maxTransactions, MaxFacts = maxFacts };

        Assert.Throws<ArgumentException>(() => new TrafficSimulator(new FlowGenerator(Simulation.Options()), new RecordingSink(), options));
    }
}
