namespace Factline.Kafka.Dev;

/// <summary>A topic the dev broker creates at start.</summary>
public sealed class DevTopic
{
    public string Name { get; set; } = "";

    public int Partitions { get; set; } = 1;
}
