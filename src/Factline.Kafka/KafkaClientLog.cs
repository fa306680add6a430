using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Factline.Kafka;

/// <summary>
/// A Kafka client's own log lines (connections made and lost, offset resets, ...) and its error reports, into the
/// service's logging: <c>builder.LoggingTo(logger)</c> on any client builder. Without it librdkafka writes raw
/// <c>%3|1795…|FAIL|rdkafka#consumer-1|…</c> lines on standard error that no log filter or exporter sees, and logs every
/// error report once more as an <c>ERROR</c> line.
/// </summary>
public static class KafkaClientLog
{
    /// <summary>How long a line like one just logged goes to Debug: an outage is one line per client every half minute, not ~10 a second.</summary>
    private static readonly TimeSpan RepeatQuietPeriod = TimeSpan.FromSeconds(30);

    /// <param name="routineFacilities">
    /// Facilities (such as <c>OFFSET</c>) whose lines are this client's normal work, however the client rates them: logged
    /// at Debug, so that what warns is what needs attention.
    /// </param>
    public static ConsumerBuilder<TKey, TValue> LoggingTo<TKey, TValue>(this ConsumerBuilder<TKey, TValue> builder, ILogger logger, params string[] routineFacilities) =>
        builder.SetLogHandler(Lines(logger, routineFacilities)).SetErrorHandler(Errors(logger));

    public static ProducerBuilder<TKey, TValue> LoggingTo<TKey, TValue>(this ProducerBuilder<TKey, TValue> builder, ILogger logger) =>
        builder.SetLogHandler(Lines(logger, [])).SetErrorHandler(Errors(logger));

    public static AdminClientBuilder LoggingTo(this AdminClientBuilder builder, ILogger logger) =>
        builder.SetLogHandler(Lines(logger, [])).SetErrorHandler(Errors(logger));

    /// <summary>Each line at librdkafka's level, or Debug for a routine facility or a repeat of a line logged a moment ago.</summary>
    private static Action<IClient, LogMessage> Lines(ILogger logger, string[] routineFacilities)
    {
        var repeats = new RepeatedLogLines(TimeProvider.System, RepeatQuietPeriod);
        return (_, message) =>
        {
            var level = routineFacilities.Contains(message.Facility) || IsSettingForOtherClients(message)
                ? LogLevel.Debug
                : (LogLevel)message.LevelAs(LogLevelType.MicrosoftExtensionsLogging);
            if (level > LogLevel.Debug && repeats.IsRepeat(message.Facility, message.Message))
                level = LogLevel.Debug;
            logger.Log(level, "{Client} {Facility}: {Message}", message.Name, message.Facility, message.Message);
        };
    }

    /// <summary>
    /// <see cref="KafkaOptions.Client"/> settings go to every client, so a producer's (<c>message.timeout.ms</c> for the
    /// dead-letter topic) reaches the consumers too, which say they ignore it: as meant, not a warning.
    /// </summary>
    private static bool IsSettingForOtherClients(LogMessage message) =>
        message.Facility == "CONFWARN"
        && (message.Message.Contains("is a producer property and will be ignored by this consumer instance", StringComparison.Ordinal)
            || message.Message.Contains("is a consumer property and will be ignored by this producer instance", StringComparison.Ordinal));

    /// <summary>
    /// A broker that cannot be reached or a lost connection is already one of the client's log lines (<c>FAIL</c>): logged
    /// at Debug here. A fatal error, after which the client cannot go on, is an error; any other (no broker reachable at
    /// all, a subscribed topic that does not exist, ...) a warning, and like a line, at Debug when it repeats one logged
    /// a moment ago.
    /// </summary>
    private static Action<IClient, Error> Errors(ILogger logger)
    {
        var repeats = new RepeatedLogLines(TimeProvider.System, RepeatQuietPeriod);
        return (client, error) =>
        {
            var level = LevelOf(error);
            if (level is > LogLevel.Debug and < LogLevel.Error && repeats.IsRepeat(error.Code.ToString(), error.Reason))
                level = LogLevel.Debug;
            logger.Log(level, "{Client} {Code}: {Reason}", client.Name, error.Code, error.Reason);
        };
    }

    private static LogLevel LevelOf(Error error) => error switch
    {
        { IsFatal: true } => LogLevel.Error,
        { Code: ErrorCode.Local_Transport } => LogLevel.Debug,
        _ => LogLevel.Warning,
    };
}
