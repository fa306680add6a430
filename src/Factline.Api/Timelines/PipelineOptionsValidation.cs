using Factline.Timelines;
using Microsoft.Extensions.Options;

namespace Factline.Api.Timelines;

/// <summary>Refuses to start with a pipeline configuration that cannot be judged by, naming every key at fault.</summary>
internal sealed class PipelineOptionsValidation : IValidateOptions<PipelineOptions>
{
    public ValidateOptionsResult Validate(string? name, PipelineOptions options) =>
        options.Problems() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
}
