using Factline.Projection;

namespace Factline.Cli.Hosting;

/// <summary>
/// The exit code of a command whose host has stopped: 1 when its projector failed and stopped it, so that a supervisor
/// (systemd's <c>Restart=on-failure</c>, a script, an orchestrator's logs) sees a failure and not a normal stop.
/// </summary>
public static class HostExitCode
{
    public const int ProjectorFailed = 1;

    /// <summary>
    /// Call before running the host (running it disposes its services); the returned function gives the exit code once
    /// the host has stopped.
    /// </summary>
    public static Func<int> For(IHost host)
    {
        var projectors = host.Services.GetServices<IHostedService>().OfType<ProjectorHostedService>().ToList();
        return () => projectors.Any(projector => projector.Failure is not null) ? ProjectorFailed : 0;
    }
}
