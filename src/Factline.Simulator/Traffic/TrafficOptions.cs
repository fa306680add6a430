namespace Factline.Simulator.Traffic;

/// <summary>How fast and for how long the traffic simulator sends. Bound from "Factline:Simulator:Traffic".</summary>
public sealed class TrafficOptions
{
    public const string Section = "Factline:Simulator:Traffic";

    /// <summary>
    /// The pace, in <see cref="Unit"/> per second. With a pace, each fact is sent when it happens, so the
    /// facts of concurrent transactions interleave as in a live system. 0 sends as fast as the sink takes
    /// them, one whole transaction after another (bulk loading).
    /// </summary>
    public double RatePerSecond { get; set; } = 20;

    public RateUnit Unit { get; set; } = RateUnit.Transactions;

    /// <summary>Stop after this many transactions have been sent in full. Null: no limit.</summary>
    public long? MaxTransactions { get; set; }

    /// <summary>Stop after this many facts, even in the middle of a transaction. Null: no limit.</summary>
    public long? MaxFacts { get; set; }

    internal bool IsPaced => RatePerSecond > 0;

    internal void Validate()
    {
        if (!double.IsFinite(RatePerSecond) || RatePerSecond < 0)
            throw new ArgumentException($"{nameof(RatePerSecond)} must be 0 (unlimited) or a positive number, not {RatePerSecond}.");
        if (MaxTransactions < 0 || MaxFacts < 0)
            throw new ArgumentException($"{nameof(MaxTransactions)} and {nameof(MaxFacts)} must not be negative.");
    }
}
