using Factline.Api.OpenApi;
using Factline.Timelines;
using Factline.Projection;
using Microsoft.AspNetCore.OpenApi;

namespace Factline.Api.Timelines;

/// <summary>Registers what the timeline resource needs; the read progress comes from the evidence filter every resource runs behind.</summary>
internal static class TimelineServices
{
    /// <summary>Representation classes are named "Tmf" + their schema name, e.g. TmfTimeline is the Timeline schema.</summary>
    private const string RepresentationPrefix = "Tmf";

    public static IServiceCollection AddTimelines(this IServiceCollection services, IConfiguration configuration)
    {
        var pipelines = configuration.Read<PipelineOptions>(PipelineOptions.Section);
        if (pipelines.Problems() is { Count: > 0 } problems)
            throw new ArgumentException($"{string.Join("; ", problems)}.");
        services.AddSingleton(new TimelineBuilder(pipelines));
        services.AddSingleton<TimelineReader>();
        // After every Configure, so the API's own naming has been set up and is only extended here.
        services.PostConfigure<OpenApiOptions>(TmfOpenApi.DocumentName, options =>
        {
            var named = options.CreateSchemaReferenceId;
            options.CreateSchemaReferenceId = type =>
                type.Type.Namespace == typeof(TmfTimeline).Namespace && type.Type.Name.StartsWith(RepresentationPrefix, StringComparison.Ordinal)
                    ? type.Type.Name[RepresentationPrefix.Length..]
                    : named(type);
        });
        return services;
    }
}
