using Factline.Simulator.Flows;

namespace Factline.Simulator;

/// <summary>What the flow generator produces. Bound from the "Factline:Simulator" configuration section.</summary>
public sealed class SimulatorOptions
{
    public const string Section = "Factline:Simulator";

    /// <summary>The same seed (with the same other options) gives the same facts. Null draws a fresh seed.</summary>
    public int? Seed { get; set; }

    public SimulatorProfile Profile { get; set; } = SimulatorProfile.Demo;

    /// <summary>Overrides the profile's mix of transaction shapes.</summary>
    public FlowMix? Mix { get; set; }

    /// <summary>When the first transaction starts, unless <see cref="Clock"/> is set.</summary>
    public DateTimeOffset StartTime { get; set; } = new(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// When set, each transaction starts at this clock's "now" (for live traffic); otherwise transactions
    /// start one after another from <see cref="StartTime"/>, which keeps the output deterministic.
    /// </summary>
    public TimeProvider? Clock { get; set; }

    /// <summary>The mean gap between transaction starts when they are laid out from <see cref="StartTime"/>.</summary>
    public int MeanTransactionSpacingMs { get; set; } = 50;

    /// <summary>How far any one service's clock may be off; 0 gives every service a perfect clock.</summary>
    public int MaxClockSkewMs { get; set; } = 3;

    internal void Validate()
    {
        Mix?.Validate();
        if (MeanTransactionSpacingMs < 0)
            throw new ArgumentException($"{nameof(MeanTransactionSpacingMs)} must not be negative.");
        if (MaxClockSkewMs < 0)
            throw new ArgumentException($"{nameof(MaxClockSkewMs)} must not be negative.");
    }
}
