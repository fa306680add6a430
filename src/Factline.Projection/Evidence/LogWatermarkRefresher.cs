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
        try
        {
            do
            {
                try
                {
                    await monitor.RefreshAsync(stoppingToken);
                }
                catch (KafkaException e)
                {
                    // Until Kafka answers again, answers are judged against the log ends read last; the status shows when.
                    logger.LogWarning("Could not read log watermarks: {Reason}", e.Error.Reason);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
