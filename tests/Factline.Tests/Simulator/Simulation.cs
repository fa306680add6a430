using Factline.Envelope;
using Factline.Simulator;
using Factline.Simulator.Flows;

namespace Factline.Tests.Simulator;

/// <summary>Shorthands for generating simulated traffic in tests.</summary>
internal static class Simulation
{
    public static SimulatorOptions Options(int seed = 688, SimulatorProfile profile = SimulatorProfile.Demo, FlowMix? mix = null) =>
        new() { Seed = seed, Profile = profile, Mix = mix };

    public static List<SimulatedTransaction> Generate(SimulatorOptions options, int count) =>
        [.. new FlowGenerator(options).Transactions().Take(count)];

    /// <summary>A mix that draws only the given shape.</summary>
    public static FlowMix Only(TransactionShape shape) => shape switch
    {
        TransactionShape.Success => new() { Success = 1 },
        TransactionShape.RetriedSuccess => new() { RetriedSuccess = 1 },
        TransactionShape.DeadLetter => new() { DeadLetter = 1 },
        TransactionShape.IngressOnly => new() { IngressOnly = 1 },
        TransactionShape.Unknown => new() { Unknown = 1 },
        _ => throw new ArgumentOutOfRangeException(nameof(shape)),
    };

    public static IEnumerable<Fact> Facts(this IEnumerable<SimulatedTransaction> transactions) =>
        transactions.SelectMany(t => t.Facts.Select(f => f.Fact));

    /// <summary>The wire bytes of each fact as text: a payload (RawJson) has no value equality, so compare what Kafka would hold.</summary>
    public static List<string> Encoded(this IEnumerable<Fact> facts) =>
        [.. facts.Select(f => Convert.ToBase64String(FactCodec.Encode(f)))];
}
