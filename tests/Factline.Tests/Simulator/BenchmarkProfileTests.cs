using Factline.Envelope;
using Factline.Simulator;

namespace Factline.Tests.Simulator;

/// <summary>The benchmarks are specified on ~400-byte facts and ~20 facts per transaction (issue 7).</summary>
public sealed class BenchmarkProfileTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Facts_average_about_400_bytes_on_the_wire(int seed)
    {
        var facts = Simulation.Generate(Simulation.Options(seed, SimulatorProfile.Benchmark), 2_000).Facts().ToList();

        var averageBytes = facts.Average(f => FactCodec.Encode(f).Length);

        Assert.InRange(averageBytes, 350, 450);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Transactions_average_about_20_facts(int seed)
    {
        var transactions = Simulation.Generate(Simulation.Options(seed, SimulatorProfile.Benchmark), 5_000);

        var averageFacts = transactions.Average(t => t.Facts.Count);

        Assert.InRange(averageFacts, 18, 22);
    }

    [Fact]
    public void A_clean_benchmark_transaction_is_exactly_20_facts()
    {
        var transactions = Simulation.Generate(
            Simulation.Options(1, SimulatorProfile.Benchmark, Simulation.Only(Factline.Simulator.Flows.TransactionShape.Success)), 10);

        Assert.All(transactions, t => Assert.Equal(20, t.Facts.Count));
    }
}
