using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Factline.Projection;

/// <summary>
/// Runs the projector for the lifetime of the host. A projector failure stops the host loudly rather than serving a
/// silently frozen view, and stays in <see cref="Failure"/> so that the process can end with a failing exit code.
/// </summary>
public sealed class ProjectorHostedService(Projector projector, IHostApplicationLifetime lifetime, ILogger<ProjectorHostedService> logger)
    : BackgroundService
{
    /// <summary>Why the projector stopped the host; null while it runs and after a normal stop.</summary>
    public Exception? Failure { get; private set; }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() => RunAsync(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        try
        {
            await projector.RunAsync(stoppingToken);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            Failure = e;
            logger.LogCritical(e, "The projector stopped; shutting down so that no stale view is served as current");
            lifetime.StopApplication();
        }
    }
}
