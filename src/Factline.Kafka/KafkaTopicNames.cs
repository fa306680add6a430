namespace Factline.Kafka;

/// <summary>What Kafka accepts as a topic name: checked before a name reaches a broker, so the refusal names the setting or field.</summary>
public static class KafkaTopicNames
{
    /// <summary>Kafka's own limit: longer names cannot be used in the file names of their partitions.</summary>
    public const int MaxLength = 249;

    /// <summary>Why <paramref name="name"/> is not a topic name, or null when it is one.</summary>
    public static string? Problem(string? name)
    {
        if (string.IsNullOrEmpty(name))
            return "is required";
        if (name.Length > MaxLength)
            return $"is {name.Length} characters long; Kafka allows {MaxLength}";
        if (name is "." or ".." || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            return $"'{name}' is not a Kafka topic name: use letters, digits, '.', '_' and '-' (and not '.' or '..' alone)";
        return null;
    }
}
