using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Factline.Kafka;

/// <summary>
/// librdkafka's own log lines (connections made and lost, offset resets, ...) into the service's logging at their level,
/// instead of raw <c>%3|1795…|FAIL|rdkafka#consumer-1|…</c> lines on standard error that no log filter or exporter sees.
/// </summary>
public static class KafkaClientLog
{
    /// <summary>A log handler for any Kafka client builder: <c>builder.SetLogHandler(KafkaClientLog.To(logger))</c>.</summary>
    /// <param name="routineFacilities">
    /// Facilities (such as <c>OFFSET</c>) whose lines are this client's normal work, however the client rates them: logged
    /// at Debug, so that what warns is what needs attention.
    /// </param>
    public static Action<IClient, LogMessage> To(ILogger logger, params string[] routineFacilities) => (_, message) =>
        logger.Log(
            routineFacilities.Contains(message.Facility) ? LogLevel.Debug : (LogLevel)message.LevelAs(LogLevelType.MicrosoftExtensionsLogging),
            "{Client} {Facility}: {Message}", message.Name, message.Facility, message.Message);
}
