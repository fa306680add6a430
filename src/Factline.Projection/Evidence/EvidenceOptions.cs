namespace Factline.Projection.Evidence;

/// <summary>How often Factline asks Kafka where each partition's log starts and ends. Bound from "Factline:Evidence".</summary>
public sealed class EvidenceOptions : ISelfValidatingOptions
{
    public const string Section = "Factline:Evidence";

    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Advised to clients (Retry-After) when an answer is "not observed yet".</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(2);

    public void Validate()
    {
        OptionsSections.Positive(Section, nameof(RefreshInterval), RefreshInterval);
        OptionsSections.AtLeast(Section, nameof(RetryAfter), RetryAfter, TimeSpan.Zero);
    }
}
