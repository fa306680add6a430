using Factline.Simulator.Generation;

namespace Factline.Simulator.Flows;

/// <summary>
/// Relative weights of the transaction shapes. Weights need not add up to 1: each shape is drawn
/// with probability weight / sum of weights.
/// </summary>
public sealed class FlowMix
{
    public double Success { get; set; }
    public double RetriedSuccess { get; set; }
    public double DeadLetter { get; set; }
    public double IngressOnly { get; set; }
    public double Unknown { get; set; }

    /// <summary>A lively mix for the demo: every shape shows up within the first few dozen transactions.</summary>
    public static FlowMix Demo() => new() { Success = 0.55, RetriedSuccess = 0.20, DeadLetter = 0.10, IngressOnly = 0.10, Unknown = 0.05 };

    /// <summary>Mostly healthy traffic, as a production log would hold; keeps transactions near their full length.</summary>
    public static FlowMix Benchmark() => new() { Success = 0.86, RetriedSuccess = 0.08, DeadLetter = 0.03, IngressOnly = 0.02, Unknown = 0.01 };

    /// <summary>The probability of each shape, in the order of <see cref="TransactionShape"/>.</summary>
    public IReadOnlyDictionary<TransactionShape, double> Probabilities()
    {
        var weights = Weights();
        var total = weights.Sum(w => w.Weight);
        return weights.ToDictionary(w => w.Shape, w => w.Weight / total);
    }

    internal TransactionShape Pick(Random random) => WeightedDraw.Pick(random, Weights(), w => w.Weight).Shape;

    /// <summary>Throws when no transaction could ever be drawn: a misconfiguration, caught at start-up.</summary>
    internal void Validate()
    {
        var weights = Weights();
        if (weights.Any(w => !double.IsFinite(w.Weight) || w.Weight < 0))
            throw new ArgumentException("Flow mix weights must be finite and not negative.");
        if (weights.Sum(w => w.Weight) <= 0)
            throw new ArgumentException("At least one flow mix weight must be positive.");
    }

    private (TransactionShape Shape, double Weight)[] Weights() =>
    [
        (TransactionShape.Success, Success),
        (TransactionShape.RetriedSuccess, RetriedSuccess),
        (TransactionShape.DeadLetter, DeadLetter),
        (TransactionShape.IngressOnly, IngressOnly),
        (TransactionShape.Unknown, Unknown),
    ];
}
