namespace Factline.Projection.Rebuild;

/// <summary>How a rebuild hands over from the live view to the rebuilt one. Bound from "Factline:Rebuild".</summary>
public sealed class RebuildOptions : ISelfValidatingOptions
{
    public const string Section = "Factline:Rebuild";

    /// <summary>
    /// The live projector is paused for the swap once the shadow is this few records behind the live store.
    /// Lower means a shorter pause of the live view's progress (queries go on regardless) but a longer chase under heavy inflow.
    /// </summary>
    public long SwapWithinRecords { get; set; } = 1_000;

    /// <summary>Longest the live projector may stay paused while the shadow finishes; past it the rebuild gives up and nothing changes.</summary>
    public TimeSpan MaxPause { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often progress is measured against the log end.</summary>
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    public void Validate()
    {
        OptionsSections.AtLeast(Section, nameof(SwapWithinRecords), SwapWithinRecords, 0L);
        OptionsSections.Positive(Section, nameof(MaxPause), MaxPause);
        OptionsSections.Positive(Section, nameof(ProgressInterval), ProgressInterval);
    }
}
