using Factline.Envelope;

namespace Factline.Simulator;

/// <summary>A generated fact and when it happens, relative to its transaction's first fact.</summary>
/// <param name="SinceStart">
/// Elapsed time on the true clock. The fact's own timestamp is read from its producer's (slightly skewed)
/// clock, so a live run paces facts by this value rather than by the timestamp.
/// </param>
public readonly record struct SimulatedFact(Fact Fact, TimeSpan SinceStart);
