using Factline.Simulator.Flows;

namespace Factline.Simulator;

/// <summary>One generated transaction: every fact it emits, in the order its services emit them.</summary>
public sealed record SimulatedTransaction(
    string CorrelationId,
    FlowTemplate Flow,
    TransactionShape Shape,
    DateTimeOffset StartedAt,
    IReadOnlyList<SimulatedFact> Facts);
