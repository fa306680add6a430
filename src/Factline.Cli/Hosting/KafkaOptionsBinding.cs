using Factline.Kafka;

namespace Factline.Cli.Hosting;

public static class KafkaOptionsBinding
{
    /// <summary>
    /// Binds <see cref="KafkaOptions"/>. The configuration binder appends to list defaults, so a
    /// configured topic list replaces the default one instead of adding to it.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// No broker is named, a configured topic name is empty, the dead-letter topic is no topic name or a projected topic, or the
    /// Kafka client refuses a client setting.
    /// </exception>
    public static KafkaOptions ReadKafkaOptions(this IConfiguration configuration)
    {
        var section = configuration.GetSection(KafkaOptions.Section);
        var options = new KafkaOptions();
        section.Bind(options);
        var topics = section.GetSection(nameof(KafkaOptions.Topics)).Get<List<string>>();
        if (topics is { Count: > 0 })
            options.Topics = topics;
        if (string.IsNullOrWhiteSpace(options.BootstrapServers))
            throw new ArgumentException($"{KafkaOptions.Section}:{nameof(KafkaOptions.BootstrapServers)} is empty; name the Kafka cluster's brokers, e.g. 127.0.0.1:9092.");
        if (options.Topics.FindIndex(string.IsNullOrWhiteSpace) is var empty and >= 0)
            throw new ArgumentException($"{KafkaOptions.Section}:{nameof(KafkaOptions.Topics)}:{empty} is empty; name a topic to project.");
        CheckDeadLetterTopic(options);
        KafkaClientConfigs.Validate(options);
        return options;
    }

    private static void CheckDeadLetterTopic(KafkaOptions options)
    {
        const string setting = $"{KafkaOptions.Section}:{nameof(KafkaOptions.DeadLetterTopic)}";
        if (string.IsNullOrWhiteSpace(options.DeadLetterTopic))
        {
            options.DeadLetterTopic = null;
            return;
        }
        if (KafkaTopicNames.Problem(options.DeadLetterTopic) is { } problem)
            throw new ArgumentException($"{setting} {problem}.");
        // Its records are not facts: read as facts, each would be quarantined and written to it again, for ever.
        if (options.Topics.Contains(options.DeadLetterTopic, StringComparer.Ordinal))
            throw new ArgumentException(
                $"{setting} is '{options.DeadLetterTopic}', one of the projected topics ({KafkaOptions.Section}:{nameof(KafkaOptions.Topics)}); name a topic of its own.");
    }
}
