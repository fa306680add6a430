using Factline.Projection;
using OpenTelemetry.Metrics;

namespace Factline.Cli.Hosting;

/// <summary>
/// Sends the process's metrics to an OpenTelemetry collector over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> names
/// one; the SDK reads the other standard <c>OTEL_*</c> settings (protocol, headers, export interval, service name)
/// itself. Without it nothing is exported, and <c>dotnet-counters</c> can still read the same meters.
/// </summary>
public static class MetricsExport
{
    public const string EndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The projector's meter, ASP.NET Core's (requests, connections) and the runtime's (GC, thread pool).</summary>
    private static readonly string[] Meters =
        [ProjectorMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Runtime"];

    public static IServiceCollection AddMetricsExport(this IServiceCollection services, IConfiguration configuration)
    {
        if (string.IsNullOrWhiteSpace(configuration[EndpointSetting]))
            return services;
        services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter(Meters).AddOtlpExporter());
        return services;
    }
}
