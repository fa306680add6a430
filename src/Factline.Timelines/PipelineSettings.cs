namespace Factline.Timelines;

/// <summary>
/// One pipeline as configured. Every value is optional: an event type states only what differs from
/// <see cref="PipelineOptions.Default"/>, which in turn states only what differs from <see cref="PipelineDefaults"/>.
/// </summary>
/// <remarks>
/// The lists start out null rather than holding the defaults because the configuration binder appends
/// to a list it finds filled, which would mix configured stages into the built-in ones.
/// </remarks>
public sealed class PipelineSettings
{
    /// <summary>Every stage a transaction of this type should pass, in order (ingress included, if it is to be checked).</summary>
    public List<string>? ExpectedStages { get; set; }

    /// <summary>Stages whose SUCCESS means the transaction completed.</summary>
    public List<string>? TerminalSuccessStages { get; set; }

    /// <summary>Stages whose presence means the transaction failed for good, such as a dead-letter stage.</summary>
    public List<string>? TerminalFailureStages { get; set; }

    /// <summary>How much log time may pass without a new fact before an unfinished transaction counts as stalled.</summary>
    public TimeSpan? StallThreshold { get; set; }
}
