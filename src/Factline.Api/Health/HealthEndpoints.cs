using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Factline.Api.Health;

/// <summary>
/// Probes for a supervisor, outside the TMF API: <c>/health/live</c> answers 200 while the process serves HTTP;
/// <c>/health/ready</c> answers 200 while the store answers too, 503 otherwise (queries would answer 503 then as well).
/// A projection behind the log is still ready: every answer says how far it has read. One that cannot follow its log
/// is ready but "Degraded", with the reason (<see cref="ProjectionHealthCheck"/>).
/// </summary>
internal static class HealthEndpoints
{
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";

    private const string ReadyTag = "ready";

    private static readonly HttpMethodMetadata GetOnly = new([HttpMethods.Get]);

    // Longer than a healthy store ever takes, shorter than a supervisor's usual probe timeout.
    private static readonly TimeSpan StoreTimeout = TimeSpan.FromSeconds(5);

    public static IServiceCollection AddHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<StoreHealthCheck>("store", tags: [ReadyTag], timeout: StoreTimeout)
            .AddCheck<ProjectionHealthCheck>("projection", HealthStatus.Degraded, tags: [ReadyTag], timeout: StoreTimeout);
        return services;
    }

    public static WebApplication MapHealth(this WebApplication app)
    {
        // Probes are reads: other methods are a 405, as on every other resource (HEAD comes with GET).
        app.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthReportWriter.WriteAsync }).WithMetadata(GetOnly);
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResponseWriter = HealthReportWriter.WriteAsync,
        }).WithMetadata(GetOnly);
        return app;
    }
}
