using Factline.Kafka;

namespace Factline.Cli.Hosting;

public static class KafkaOptionsBinding
{
    /// <summary>
    /// Binds <see cref="KafkaOptions"/>. The configuration binder appends to list defaults, so a
    /// configured topic list replaces the default one instead of adding to it.
    /// </summary>
    /// <exception cref="ArgumentException">No broker is named, a configured topic name is empty, or the Kafka client refuses a client setting.</exception>
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
        KafkaClientConfigs.Validate(options);
        return options;
    }
}
