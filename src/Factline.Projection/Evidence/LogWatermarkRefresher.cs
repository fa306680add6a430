using Confluent.Kafka;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Factline.Projection.Evidence;

/// <summary>Refreshes the watermark monitor on a timer for the lifetime of the host.</summary>
public sealed class LogWatermarkRefresher(LogWatermarkMonitor monitor, EvidenceOptions options, ILogger<LogWatermarkRefresher> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.RefreshInterval);
        var failing = false;
        try
        {
            do
            {
                try
                {
                    await monitor.RefreshAsync(stoppingToken);
                    if (failing)
                        logger.LogInformation("Log watermarks read again");
                    failing = false;
                }
                catch (KafkaException e)
                {
                    // Until Kafka answers again, answers are judged against the log ends read last, for as long as they count
                    // (Factline:Evidence:MaxWatermarkAge); the status shows when they were read. Said once per outage.
                    logger.Log(failing ? LogLevel.Debug : LogLevel.Warning, "Could not read log watermarks: {Reason}", e.Error.Reason);
                    failing = true;
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (ObjectDisposedException)
        {
            // The host disposed the monitor before stopping this service: a start that failed (e.g. the API could not bind).
        }
    }
}
