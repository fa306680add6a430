using Factline.Envelope;
using Factline.Simulator;
using Factline.Simulator.Flows;

namespace Factline.Tests.Simulator;

public sealed class FlowCoherenceTests
{
    public static TheoryData<TransactionShape, SimulatorProfile> ShapesAndProfiles()
    {
        var data = new TheoryData<TransactionShape, SimulatorProfile>();
        foreach (var shape in Enum.GetValues<TransactionShape>())
        foreach (var profile in Enum.GetValues<SimulatorProfile>())
            data.Add(shape, profile);
        return data;
    }

    [Theory]
    [MemberData(nameof(ShapesAndProfiles))]
    public void Every_transaction_of_a_shape_follows_the_flow_rules(TransactionShape shape, SimulatorProfile profile)
    {
        var transactions = Simulation.Generate(Simulation.Options(seed: 11, profile, Simulation.Only(shape)), 300);

        Assert.All(transactions, t => Assert.Equal(shape, t.Shape));
        Assert.All(transactions, FlowRules.AssertCoherent);
    }

    [Fact]
    public void The_natural_demo_mix_is_coherent_and_every_fact_survives_the_wire_format()
    {
        var transactions = Simulation.Generate(Simulation.Options(seed: 5), 2_000);

        Assert.All(transactions, FlowRules.AssertCoherent);
        Assert.All(transactions.Facts(), fact =>
        {
            var encoded = FactCodec.Encode(fact);
            var decoded = FactCodec.Decode(encoded);
            Assert.True(decoded.IsValid, decoded.Problem?.ToString());
            Assert.Equal(encoded, FactCodec.Encode(decoded.Fact));
        });
    }

    [Fact]
    public void Event_ids_message_ids_and_correlation_ids_are_unique()
    {
        var transactions = Simulation.Generate(Simulation.Options(seed: 9), 3_000);
        var facts = transactions.Facts().ToList();

        Assert.Equal(facts.Count, facts.Select(f => f.EventId).Distinct().Count());
        Assert.Equal(transactions.Count, transactions.Select(t => t.CorrelationId).Distinct().Count());
        Assert.Equal(transactions.Count, facts.Where(f => f.MessageId is not null).Select(f => f.MessageId).Distinct().Count());
    }

    [Fact]
    public void Correlation_ids_name_the_flow_and_the_year()
    {
        var transactions = Simulation.Generate(Simulation.Options(seed: 3), 200);

        Assert.All(transactions, t => Assert.Matches($"^{t.Flow.CorrelationPrefix}-2026-\\d{{6,}}$", t.CorrelationId));
    }

    [Fact]
    public void Demo_draws_all_four_flows_and_benchmark_only_product_orders()
    {
        var demo = Simulation.Generate(Simulation.Options(seed: 4), 500).Select(t => t.Flow).Distinct();
        var benchmark = Simulation.Generate(Simulation.Options(seed: 4, SimulatorProfile.Benchmark), 500).Select(t => t.Flow).Distinct();

        Assert.Equal(
            new[] { FlowCatalog.ProductOrder, FlowCatalog.ServiceOrder, FlowCatalog.ResourceOrder, FlowCatalog.Alarm }.Select(f => f.Name).Order(),
            demo.Select(f => f.Name).Order());
        Assert.Equal([FlowCatalog.ProductOrder], benchmark);
    }

    [Fact]
    public void Retries_carry_the_errors_of_realistic_downstream_failures()
    {
        var transactions = Simulation.Generate(Simulation.Options(seed: 21, mix: Simulation.Only(TransactionShape.RetriedSuccess)), 1_000);
        var errors = transactions.Facts().Where(f => f.Outcome == Outcome.Error).Select(f => f.Error!).ToList();

        Assert.Contains(errors, e => e.Code == "INV-504");
        Assert.Contains(errors, e => e.Code == "TIMEOUT");
        Assert.Contains(errors, e => e.Message!.Contains("HTTP 503", StringComparison.Ordinal));
    }
}
