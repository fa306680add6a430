using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Factline.Kafka;

/// <summary>
/// librdkafka's own log lines (connections made and lost, offset resets, ...) into the service's logging at their level,
/// instead of raw <c>%3|1795…|FAIL|rdkafka#consumer-1|…</c> lines on standard error that no log filter or exporter sees;
/// and its error reports, each said once.
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

    /// <summary>
    /// An error handler for any Kafka client builder: <c>builder.SetErrorHandler(KafkaClientLog.Errors(logger))</c>. A
    /// client without one has librdkafka log every error again (an <c>ERROR</c> line). A broker that cannot be reached or
    /// a lost connection is already one of its log lines (<c>FAIL</c>): logged at Debug here. A fatal error, after which
    /// the client cannot go on, is an error; any other (no broker reachable at all, a subscribed topic that does not
    /// exist, ...) a warning.
    /// </summary>
    public static Action<IClient, Error> Errors(ILogger logger) => (client, error) =>
        logger.Log(LevelOf(error), "{Client} {Code}: {Reason}", client.Name, error.Code, error.Reason);

    private static LogLevel LevelOf(Error error) => error switch
    {
        { IsFatal: true } => LogLevel.Error,
        { Code: ErrorCode.Local_Transport } => LogLevel.Debug,
        _ => LogLevel.Warning,
    };
}
