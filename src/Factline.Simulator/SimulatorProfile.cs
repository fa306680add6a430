namespace Factline.Simulator;

/// <summary>Which flows are drawn and in what mix.</summary>
public enum SimulatorProfile
{
    /// <summary>All four TM Forum flows with every kind of ending showing up often: for the demo.</summary>
    Demo,

    /// <summary>
    /// Product orders with mostly healthy endings: about 20 facts per transaction of about 400 bytes each,
    /// the shape the benchmarks are specified on.
    /// </summary>
    Benchmark,
}
