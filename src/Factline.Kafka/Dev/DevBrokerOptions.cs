namespace Factline.Kafka.Dev;

/// <summary>How <c>factline dev-broker</c> runs the mock cluster, from its command-line options; messages name them "Factline:DevBroker:&lt;setting&gt;".</summary>
public sealed class DevBrokerOptions
{
    public const string Section = "Factline:DevBroker";

    /// <summary>The address listened on and advertised to clients.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>The first broker's port; broker N listens on Port + N - 1. 0 picks free ports.</summary>
    public int Port { get; set; } = 9092;

    public int Brokers { get; set; } = 1;

    /// <summary>
    /// Created at start (the mock cluster does not support the CreateTopics admin API). Note that
    /// configuration binding appends to a list: clear it before binding to replace the default.
    /// </summary>
    public List<DevTopic> Topics { get; set; } = [new DevTopic { Name = "tmf.facts", Partitions = 6 }];

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting that cannot work.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Host))
            throw Invalid(nameof(Host), "must not be blank");
        if (Brokers is < 1 or > 64)
            throw Invalid(nameof(Brokers), $"must be between 1 and 64, got {Brokers}");
        if (Port < 0 || (Port > 0 && Port + Brokers - 1 > ushort.MaxValue))
            throw Invalid(nameof(Port), $"{Port} leaves no room for {Brokers} broker port(s) below {ushort.MaxValue + 1}");
        foreach (var topic in Topics)
        {
            if (string.IsNullOrWhiteSpace(topic.Name))
                throw Invalid(nameof(Topics), "a topic has no name");
            if (topic.Partitions < 1)
                throw Invalid(nameof(Topics), $"topic '{topic.Name}' needs at least 1 partition, got {topic.Partitions}");
        }
        var duplicate = Topics.GroupBy(t => t.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw Invalid(nameof(Topics), $"topic '{duplicate.Key}' is listed twice");
    }

    private static ArgumentException Invalid(string setting, string problem) =>
        new($"{Section}:{setting} {problem}.", setting);
}
