namespace Factline.Timelines;

/// <summary>
/// What each kind of transaction is expected to go through, bound from "Factline:Pipelines":
/// <c>Default</c> applies to every event type, <c>EventTypes:{eventType}</c> overrides it value by value.
/// </summary>
public sealed class PipelineOptions
{
    public const string Section = "Factline:Pipelines";

    public PipelineSettings Default { get; set; } = new();

    private Dictionary<string, PipelineSettings> _eventTypes = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Pipelines by the facts' eventType, matched regardless of case: configuration keys are case-insensitive, so
    /// <c>EventTypes:PRODUCTORDERCREATEEVENT</c> from an environment variable and <c>EventTypes:ProductOrderCreateEvent</c>
    /// from a file are one entry, whose name is the spelling of whichever source came last.
    /// </summary>
    public Dictionary<string, PipelineSettings> EventTypes
    {
        get => _eventTypes;
        set => _eventTypes = new(value, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The pipeline for <paramref name="eventType"/>: its own values, else <see cref="Default"/>'s, else <see cref="PipelineDefaults"/>.</summary>
    public Pipeline For(string? eventType)
    {
        var own = eventType is null ? null : EventTypes.GetValueOrDefault(eventType);
        return new Pipeline(
            eventType,
            own is not null,
            own?.ExpectedStages ?? Default.ExpectedStages ?? [],
            own?.TerminalSuccessStages ?? Default.TerminalSuccessStages ?? PipelineDefaults.TerminalSuccessStages,
            own?.TerminalFailureStages ?? Default.TerminalFailureStages ?? PipelineDefaults.TerminalFailureStages,
            own?.StallThreshold ?? Default.StallThreshold ?? PipelineDefaults.StallThreshold);
    }

    /// <summary>Every misconfiguration, each naming the configuration key at fault; empty when the options are usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        Check($"{Section}:{nameof(Default)}", For(null), problems);
        foreach (var (eventType, _) in EventTypes)
            Check($"{Section}:{nameof(EventTypes)}:{eventType}", For(eventType), problems);
        return problems;
    }

    private static void Check(string key, Pipeline pipeline, List<string> problems)
    {
        if (pipeline.StallThreshold <= TimeSpan.Zero)
            problems.Add($"{key}:{nameof(PipelineSettings.StallThreshold)} must be positive, got {pipeline.StallThreshold}");
        CheckNames($"{key}:{nameof(PipelineSettings.ExpectedStages)}", pipeline.ExpectedStages, problems);
        CheckNames($"{key}:{nameof(PipelineSettings.TerminalSuccessStages)}", pipeline.TerminalSuccessStages, problems);
        CheckNames($"{key}:{nameof(PipelineSettings.TerminalFailureStages)}", pipeline.TerminalFailureStages, problems);
        foreach (var stage in pipeline.TerminalSuccessStages.Where(pipeline.IsTerminalFailure))
            problems.Add($"{key}: '{stage}' cannot be both a terminal success and a terminal failure stage");
    }

    private static void CheckNames(string key, IReadOnlyList<string> stages, List<string> problems)
    {
        if (stages.Any(string.IsNullOrWhiteSpace))
            problems.Add($"{key} must not contain a blank stage name");
    }
}
