namespace Factline.Simulator.Traffic;

/// <summary>What <see cref="TrafficOptions.RatePerSecond"/> counts.</summary>
public enum RateUnit
{
    /// <summary>Transactions started per second, whatever their length.</summary>
    Transactions,

    /// <summary>Facts per second on average: a transaction of n facts uses up n facts' worth of time.</summary>
    Facts,
}
