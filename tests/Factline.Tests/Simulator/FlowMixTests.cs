using Factline.Simulator;
using Factline.Simulator.Flows;

namespace Factline.Tests.Simulator;

public sealed class FlowMixTests
{
    public static TheoryData<SimulatorProfile> Profiles() => [SimulatorProfile.Demo, SimulatorProfile.Benchmark];

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Each_profile_draws_its_shapes_in_its_proportions(SimulatorProfile profile)
    {
        var expected = (profile == SimulatorProfile.Demo ? FlowMix.Demo() : FlowMix.Benchmark()).Probabilities();

        var observed = ShapeShares(Simulation.Options(seed: 17, profile), 10_000);

        Assert.All(expected, e => Assert.InRange(observed.GetValueOrDefault(e.Key), e.Value - 0.015, e.Value + 0.015));
    }

    [Fact]
    public void A_configured_mix_overrides_the_profile_and_weights_need_not_add_up_to_one()
    {
        var mix = new FlowMix { Success = 3, DeadLetter = 1 };

        var observed = ShapeShares(Simulation.Options(seed: 23, mix: mix), 5_000);

        Assert.Equal([TransactionShape.Success, TransactionShape.DeadLetter], observed.Keys.Order());
        Assert.InRange(observed[TransactionShape.Success], 0.73, 0.77);
    }

    [Fact]
    public void Probabilities_are_the_normalised_weights()
    {
        var probabilities = new FlowMix { Success = 2, IngressOnly = 1, Unknown = 1 }.Probabilities();

        Assert.Equal(0.5, probabilities[TransactionShape.Success]);
        Assert.Equal(0.25, probabilities[TransactionShape.IngressOnly]);
        Assert.Equal(0, probabilities[TransactionShape.DeadLetter]);
        Assert.Equal(5, probabilities.Count);
    }

    private static Dictionary<TransactionShape, double> ShapeShares(SimulatorOptions options, int count) =>
        Simulation.Generate(options, count)
            .GroupBy(t => t.Shape)
            .ToDictionary(g => g.Key, g => g.Count() / (double)count);
}
