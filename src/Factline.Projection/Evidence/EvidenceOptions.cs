namespace Factline.Projection.Evidence;

/// <summary>How often Factline asks Kafka where each partition's log starts and ends. Bound from "Factline:Evidence".</summary>
public sealed class EvidenceOptions : ISelfValidatingOptions
{
    public const string Section = "Factline:Evidence";

    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Log ends read longer ago than this no longer count: while Kafka does not answer, no partition is caught up, the lag is
    /// unknown and nothing is "not found". A few refreshes, so that one slow refresh changes nothing.
    /// </summary>
    public TimeSpan MaxWatermarkAge { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How far ahead of this machine's clock a broker time may be and still count for the log clock. On a topic with
    /// CreateTime timestamps (Kafka's default), broker times are the producers' clocks: a producer a little fast is
    /// tolerated, but one record stamped further in the future must not make every open transaction look stalled, for
    /// good. A replay of a past log is not affected: its times are all behind this machine's.
    /// </summary>
    public TimeSpan MaxLogClockLead { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Advised to clients (Retry-After) when an answer is "not observed yet".</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(2);

    public void Validate()
    {
        OptionsSections.Positive(Section, nameof(RefreshInterval), RefreshInterval);
        OptionsSections.AtLeast(Section, nameof(MaxWatermarkAge), MaxWatermarkAge, RefreshInterval);
        OptionsSections.AtLeast(Section, nameof(RetryAfter), RetryAfter, TimeSpan.Zero);
        OptionsSections.AtLeast(Section, nameof(MaxLogClockLead), MaxLogClockLead, TimeSpan.Zero);
    }
}
